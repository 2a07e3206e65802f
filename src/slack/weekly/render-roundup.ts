// Renders a weekly roundup as one Slack message: the most active papers with their counts and threads, the liked digest papers.
import type { KnownBlock } from "@slack/types";
import type { ActivityCounts } from "../../activity/activity-ledger.ts";
import { isQuiet, type Roundup, type RoundupEntry, roundupPaperIds } from "../../activity/compose-roundup.ts";
import { paperLinks } from "../../papers/paper.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import { escapeText, linkLabel, mrkdwnLink } from "../blocks/untrusted-text.ts";

/** The `event_type` of roundup message metadata; crash recovery finds a week's roundup by it. */
export const ROUNDUP_EVENT_TYPE = "paperboy_weekly";

export interface RoundupMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: { event_type: typeof ROUNDUP_EVENT_TYPE; event_payload: { week: string; paper_ids: string[] } };
}

const TITLE_MAX = 150;
const shortDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "short",
  day: "numeric",
  month: "short",
});

/** "Mon 30 Mar" for a `YYYY-MM-DD` date. */
function dayLabel(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return shortDate.format(new Date(Date.UTC(y, m - 1, d))).replace(",", "");
}

/** A channel mention: Slack's own id syntax, checked, so nothing else can ride along. */
function channelMention(channel: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : "this channel";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "🔖 2 saves · 💬 1 discussion · 5 replies · 3 reactions · 👍 4 likes", leaving out zeros. */
export function describeCounts(counts: ActivityCounts): string {
  const parts: string[] = [];
  if (counts.saved) parts.push(`:bookmark: ${plural(counts.saved, "save")}`);
  if (counts.discussed) parts.push(`:speech_balloon: ${plural(counts.discussed, "discussion")}`);
  if (counts.replied) parts.push(plural(counts.replied, "reply", "replies"));
  if (counts.reacted) parts.push(plural(counts.reacted, "reaction"));
  if (counts.liked) parts.push(`:+1: ${plural(counts.liked, "like")}`);
  return parts.join(" · ");
}

/** One paper: its title (linked to arXiv), its counts and its thread. */
function entryText(entry: RoundupEntry): string {
  const title = entry.paper ? linkLabel(entry.paper.title, TITLE_MAX) : escapeText(entry.paperId);
  const thread = entry.threadUrl ? ` · ${mrkdwnLink(entry.threadUrl, "thread")}` : "";
  return `*${mrkdwnLink(paperLinks({ id: entry.paperId }).abs, title)}*\n${describeCounts(entry.counts)}${thread}`;
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** The roundup message, or undefined for a quiet week set to post nothing. */
export function renderRoundupMessage(roundup: Roundup): RoundupMessage | undefined {
  const metadata: RoundupMessage["metadata"] = {
    event_type: ROUNDUP_EVENT_TYPE,
    event_payload: { week: roundup.week, paper_ids: roundupPaperIds(roundup) },
  };
  const where = channelMention(roundup.channel);
  const span = `${dayLabel(roundup.monday)} – ${dayLabel(roundup.sunday)}`;
  if (isQuiet(roundup)) {
    if (roundup.quiet === "skip") return undefined;
    const text = `A quiet week in ${where} (${span}): no paper was saved, discussed or reacted to.`;
    return { ...fitMessage({ text, blocks: [section(text)] }), metadata };
  }
  const blocks: KnownBlock[] = [
    section(`*This week in ${where}* · ${span}`),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${plural(roundup.paperCount, "paper")} had activity: ${describeCounts(roundup.totals)}`,
        },
      ],
    },
    section("*Most active papers*"),
    ...roundup.active.map((entry) => section(entryText(entry))),
  ];
  if (roundup.digestLiked.length > 0) {
    blocks.push({ type: "divider" }, section("*Most liked from this week's digests*"));
    blocks.push(...roundup.digestLiked.map((entry) => section(entryText(entry))));
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: "Weekly roundup · change or stop it with `/papers weekly`" }],
  });
  const titles = roundup.active.map((entry) =>
    entry.paper ? escapeText(entry.paper.title, { singleLine: true, maxLength: 80 }) : entry.paperId,
  );
  const text = `This week in ${where}: ${titles.join(" · ")}`;
  return { ...fitMessage({ text, blocks }), metadata };
}
