// Renders a composed digest as one Slack message (header, paper cards, footer, metadata), within limits by construction.
import type { KnownBlock } from "@slack/types";
import type { Digest, DigestEntry } from "../../digest/compose-digest.ts";
import { longDate } from "../../digest/zoned-time.ts";
import { paperLinks } from "../../papers/paper.ts";
import { fitMessage, truncateMrkdwn } from "../blocks/fit-to-slack-limits.ts";
import { renderPaperCard } from "../blocks/paper-card.ts";
import { SLACK_LIMITS } from "../blocks/slack-limits.ts";
import { section } from "../blocks/text-blocks.ts";
import { escapeText, linkLabel, mrkdwnLink } from "../blocks/untrusted-text.ts";

/** The `event_type` of digest message metadata; crash recovery finds a day's digest by it. */
export const DIGEST_EVENT_TYPE = "paperboy_digest";

/** Slack message metadata carried by every digest (https://api.slack.com/metadata). */
export interface DigestMetadata {
  event_type: typeof DIGEST_EVENT_TYPE;
  event_payload: { date: string; paper_ids: string[] };
}

/** A digest as a `chat.postMessage` payload minus the channel. */
export interface DigestMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: DigestMetadata;
}

/** Buttons on each digest card: discussion first, then the reading list. */
const CARD_ACTIONS = ["discuss", "save"] as const;
/** Blocks kept free for the header and the footer (and the "also today" list when cards run out). */
const RESERVED_BLOCKS = 4;
const COMPACT_TITLE_MAX = 120;

/** "Hugging Face" / "arXiv cs.LG" for a configured source. */
export function sourceLabel(source: string): string {
  if (source === "hf") return "Hugging Face";
  if (source.startsWith("arxiv:")) return `arXiv ${source.slice("arxiv:".length)}`;
  return source;
}

/**
 * The digest message, or `undefined` when there is nothing to post (no papers and `emptyDay: "skip"`).
 * Papers get full cards while they fit in 50 blocks; any left over (only with large `maxPapers`) are
 * listed one line each in an "Also today" section, so every chosen paper is shown and counted.
 */
export function renderDigestMessage(digest: Digest): DigestMessage | undefined {
  const metadata: DigestMetadata = {
    event_type: DIGEST_EVENT_TYPE,
    event_payload: { date: digest.date, paper_ids: digest.entries.map((entry) => entry.paper.id) },
  };
  const day = longDate(digest.date);
  if (digest.entries.length === 0) {
    if (digest.emptyDay === "skip") return undefined;
    const text = emptyDayNote(digest, day);
    return { ...fitMessage({ text, blocks: [section(text)] }), metadata };
  }

  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: `Papers for ${day}` } }];
  const budget = SLACK_LIMITS.messageBlocks - RESERVED_BLOCKS;
  const compact: string[] = [];
  for (const [position, entry] of digest.entries.entries()) {
    const card = renderPaperCard(entry.paper, {
      ...(entry.tldr ? { tldr: entry.tldr } : { snippet: firstSentence(entry.paper.abstract) }),
      actions: [...CARD_ACTIONS],
      menu: true,
      reason: reasonLine(entry),
      ...(entry.discussed ? { discussed: entry.discussed } : {}),
    });
    const divider: KnownBlock = { type: "divider" };
    // The popular fill of a channel with topics starts under its own heading, so nobody takes it for a match.
    const startsFill =
      entry.reason === "popular" &&
      digest.topics.length > 0 &&
      digest.entries[position - 1]?.reason !== "popular";
    const heading = startsFill ? [popularHeading(position > 0)] : [];
    if (compact.length === 0 && blocks.length + heading.length + card.length + 1 <= budget) {
      blocks.push(...heading, ...card, divider);
    } else {
      compact.push(
        `• *${mrkdwnLink(paperLinks(entry.paper).abs, linkLabel(entry.paper.title, COMPACT_TITLE_MAX))}* — _${escapeText(reasonLine(entry), { singleLine: true, maxLength: 200 })}_`,
      );
    }
  }
  if (compact.length > 0) {
    blocks.push(section(truncateMrkdwn(`*Also today*\n${compact.join("\n")}`, SLACK_LIMITS.sectionText)));
  }
  blocks.push({ type: "context", elements: footerElements(digest) });

  const titles = digest.entries.map((entry) =>
    escapeText(entry.paper.title, { singleLine: true, maxLength: 120 }),
  );
  const text = `Papers for ${day}: ${titles.join(" · ")}`;
  return { ...fitMessage({ text, blocks }), metadata };
}

/** Why a paper is in the digest, in one line: its `why` when set, else "topic: diffusion", "topics: a, b", "popular today". */
export function reasonLine(entry: Pick<DigestEntry, "reason" | "topics" | "why" | "newVersion">): string {
  const again = entry.newVersion ? ` · new version (v${entry.newVersion}) of a paper shown here before` : "";
  if (entry.why) return `${entry.why}${again}`;
  if (entry.reason === "popular" || entry.topics.length === 0) return `popular today${again}`;
  return `${entry.topics.length === 1 ? "topic" : "topics"}: ${entry.topics.join(", ")}${again}`;
}

function popularHeading(afterMatches: boolean): KnownBlock {
  const text = afterMatches
    ? "*Popular today* — the day's most upvoted papers, to fill the digest"
    : "*Popular today* — no paper matched the topics today; these are the day's most upvoted";
  return section(text);
}

/** What the footer says: what the ranking used and how to change it, and any source that was down. */
function footerElements(digest: Digest): { type: "mrkdwn"; text: string }[] {
  const ranked =
    digest.topics.length > 0
      ? `Papers matching any of ${digest.topics.map((topic) => `*${escapeText(topic, { singleLine: true })}*`).join(", ")} first (more topics and title matches rank higher, then Hugging Face upvotes)${digest.fill === "popular" ? ", then the day's most upvoted" : ""}. Change with \`/papers topics add …\` / \`remove …\`, hide words with \`/papers exclude add …\`, see \`/papers settings\`.`
      : "Ranked by Hugging Face upvotes. Rank for your interests with `/papers topics add …`, hide words with `/papers exclude add …`, see `/papers settings`.";
  const elements = [{ type: "mrkdwn" as const, text: truncateMrkdwn(ranked, 2_000) }];
  const down = unreachableNote(digest);
  if (down) elements.push({ type: "mrkdwn", text: down });
  const fromIndex = emptySourcesNote(digest);
  if (fromIndex) elements.push({ type: "mrkdwn", text: fromIndex });
  return elements;
}

/** Sources that had nothing for the day (the index stood in for them): said only when there are papers. */
function emptySourcesNote(digest: Digest): string | undefined {
  if (digest.empty.length === 0 || digest.entries.length === 0) return undefined;
  const names = digest.empty.map((source) => escapeText(sourceLabel(source), { singleLine: true }));
  return `${names.join(" and ")} had no papers for that day; this digest uses papers already in paperboy's index.`;
}

function unreachableNote(digest: Digest): string | undefined {
  if (digest.unreachable.length === 0) return undefined;
  const names = digest.unreachable.map((source) => escapeText(sourceLabel(source), { singleLine: true }));
  return `:warning: ${names.join(" and ")} could not be reached; this digest uses the papers paperboy already had for that day.`;
}

function emptyDayNote(digest: Digest, day: string): string {
  const why =
    digest.candidateCount === 0
      ? "the sources had nothing for that day"
      : digest.fill === "none" && digest.topics.length > 0
        ? `none of the ${digest.candidateCount} candidates matched the topics, and this channel posts only matches`
        : `all ${digest.candidateCount} candidates were excluded or already posted here`;
  const down = unreachableNote(digest);
  return `No new papers for ${day} (${why}).${down ? ` ${down}` : ""}`;
}

/** The abstract's first sentence: what a card shows when no TL;DR was produced. */
function firstSentence(abstract: string): string {
  const match = abstract.trim().match(/^.{20,400}?[.!?](\s|$)/s);
  return (match ? match[0] : abstract.slice(0, 300)).trim();
}
