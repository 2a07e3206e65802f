// The one paper card: every surface (search, digest, discuss, share, unfurl, App Home) shows a paper this way.
import type { ActionsBlock, Button, ContextBlock, KnownBlock, Overflow, SectionBlock } from "@slack/types";
import { type Paper, paperLinks } from "../../papers/paper.ts";
import { PAPER_ACTION_IDS, type PaperAction } from "./action-ids.ts";
import { type CardDiscussed, discussedHereBlock } from "./discussed-here-line.ts";
import { fitMessage, fitToSlackLimits, truncateMrkdwn } from "./fit-to-slack-limits.ts";
import { paperMenu } from "./paper-menu.ts";
import { cleanText, escapeText, linkLabel, mrkdwnLink, safeHttpUrl } from "./untrusted-text.ts";

/** A short summary shown on the card, with a label saying where it came from ("AI summary · gpt-4o-mini"). */
export interface CardTldr {
  text: string;
  label: string;
}

export interface PaperCardOptions {
  /** Shown as *TL;DR* with its label; wins over `snippet`. */
  tldr?: CardTldr;
  /** Search snippet or abstract excerpt, shown when there is no TL;DR. */
  snippet?: string;
  /** Buttons to show, in this order; none when omitted. Each button's value is the paper id. */
  actions?: PaperAction[];
  /** Where the paper was found: `hf`, `arxiv` (shown as "Found on …"), `local` (not shown) or any label. */
  foundVia?: string;
  /** One plain-text line saying why the paper is shown (a digest's "topic: diffusion"); escaped here. */
  reason?: string;
  /** Ends the actions with the `paper_menu` overflow (*More like this* / *Less like this*). */
  menu?: boolean;
  /** The paper's earlier thread in the channel the card is shown in: "Discussed here on 27 Nov · 12 replies". */
  discussed?: CardDiscussed;
}

/** A Slack message: the notification/screen-reader fallback `text` (escaped mrkdwn) and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const TITLE_MAX = 250;
const AUTHOR_MAX = 80;
const SHOWN_AUTHORS = 3;
const TLDR_MAX = 2_400;
const SNIPPET_MAX = 700;
const REASON_MAX = 300;
const BUTTON_TEXT: Record<PaperAction, string> = {
  share: "Share to channel",
  summarize: "Summarize",
  discuss: "Discuss",
  save: "Save",
};
const FOUND_VIA: Record<string, string | undefined> = {
  hf: "Found on Hugging Face",
  arxiv: "Found on arXiv",
  local: undefined,
};

/**
 * Renders a paper as blocks: linked title, first three authors ("et al."), date and category, upvotes when
 * known, the TL;DR (with its label) or a snippet, links (arXiv · PDF · Hugging Face · code), the Hugging Face
 * thumbnail as an image accessory, and the requested buttons (`paper_share`, `paper_summarize`,
 * `paper_discuss`, `paper_save`; value = paper id). Every untrusted field is escaped once; within limits.
 */
export function renderPaperCard(paper: Paper, options: PaperCardOptions = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [headline(paper, options.reason)];
  const summary = summaryBlock(options);
  if (summary) blocks.push(summary);
  blocks.push(linksBlock(paper, options.foundVia));
  if (options.discussed) blocks.push(discussedHereBlock(options.discussed));
  const actions = options.actions ?? [];
  if (actions.length > 0 || options.menu) blocks.push(actionsBlock(paper.id, actions, options.menu === true));
  return fitToSlackLimits(blocks);
}

/** A paper card as a whole message (share, discuss, unfurl), with a fallback naming title and id. */
export function renderPaperMessage(paper: Paper, options: PaperCardOptions = {}): SlackMessage {
  return fitMessage({ text: paperFallbackText(paper), blocks: renderPaperCard(paper, options) });
}

/** The plain fallback line for a paper: escaped title and arXiv id. */
export function paperFallbackText(paper: Paper): string {
  const title = escapeText(paper.title, { singleLine: true, maxLength: TITLE_MAX }) || "Untitled paper";
  return `${title} (arXiv ${escapeText(paper.id, { singleLine: true, maxLength: 60 })})`;
}

function headline(paper: Paper, reason: string | undefined): SectionBlock {
  const title = linkLabel(paper.title, TITLE_MAX) || "Untitled paper";
  const lines = [`*${mrkdwnLink(paperLinks(paper).abs, title)}*`];
  const authors = authorLine(paper.authors);
  if (authors) lines.push(authors);
  const meta = metaLine(paper);
  if (meta) lines.push(meta);
  const why = reason === undefined ? "" : escapeText(reason, { singleLine: true, maxLength: REASON_MAX });
  if (why) lines.push(`_${why}_`);
  const block: SectionBlock = { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
  const thumbnail = safeHttpUrl(paper.thumbnail, { httpsOnly: true });
  if (thumbnail) {
    const alt = cleanText(`Thumbnail: ${paper.title}`, { singleLine: true, maxLength: 200 });
    block.accessory = { type: "image", image_url: thumbnail, alt_text: alt };
  }
  return block;
}

function authorLine(authors: string[]): string {
  const names = authors
    .map((name) => escapeText(name, { singleLine: true, maxLength: AUTHOR_MAX }))
    .filter((name) => name !== "");
  if (names.length === 0) return "";
  const shown = names.slice(0, SHOWN_AUTHORS).join(", ");
  return names.length > SHOWN_AUTHORS ? `${shown} et al.` : shown;
}

function metaLine(paper: Paper): string {
  const parts: string[] = [];
  if (paper.publishedAt) parts.push(escapeText(paper.publishedAt, { singleLine: true, maxLength: 30 }));
  const category = paper.categories[0];
  if (category) parts.push(escapeText(category, { singleLine: true, maxLength: 30 }));
  if (typeof paper.upvotes === "number" && Number.isFinite(paper.upvotes)) {
    const votes = Math.max(0, Math.round(paper.upvotes));
    parts.push(`▲ ${votes} upvote${votes === 1 ? "" : "s"}`);
  }
  return parts.filter((part) => part !== "").join(" · ");
}

function summaryBlock(options: PaperCardOptions): SectionBlock | undefined {
  if (options.tldr) {
    const text = escapeText(options.tldr.text);
    const label = escapeText(options.tldr.label, { singleLine: true, maxLength: 120 });
    if (text) {
      const body = `*TL;DR* ${truncateMrkdwn(text, TLDR_MAX)}${label ? `\n_${label}_` : ""}`;
      return { type: "section", text: { type: "mrkdwn", text: body } };
    }
  }
  const snippet = options.snippet === undefined ? "" : escapeText(options.snippet);
  if (!snippet) return undefined;
  return { type: "section", text: { type: "mrkdwn", text: truncateMrkdwn(snippet, SNIPPET_MAX) } };
}

function linksBlock(paper: Paper, foundVia: string | undefined): ContextBlock {
  const links = paperLinks(paper);
  const parts = [
    mrkdwnLink(links.abs, "arXiv"),
    mrkdwnLink(links.pdf, "PDF"),
    mrkdwnLink(links.hf, "Hugging Face"),
  ];
  const code = mrkdwnLink(links.code, "Code");
  if (code.startsWith("<")) parts.push(code);
  const elements: ContextBlock["elements"] = [{ type: "mrkdwn", text: parts.join(" · ") }];
  const via = foundVia === undefined ? undefined : foundViaLabel(foundVia);
  if (via) elements.push({ type: "mrkdwn", text: via });
  return { type: "context", elements };
}

function foundViaLabel(foundVia: string): string | undefined {
  if (Object.hasOwn(FOUND_VIA, foundVia)) return FOUND_VIA[foundVia];
  return escapeText(foundVia, { singleLine: true, maxLength: 100 }) || undefined;
}

function actionsBlock(paperId: string, actions: PaperAction[], menu: boolean): ActionsBlock {
  // Ids come from sources; a value is never shown, so cleaning (no escaping) is all it needs.
  const value = cleanText(paperId, { singleLine: true });
  const elements: (Button | Overflow)[] = [...new Set(actions)].map((action) => ({
    type: "button",
    action_id: PAPER_ACTION_IDS[action],
    text: { type: "plain_text", text: BUTTON_TEXT[action] },
    ...(value ? { value } : {}),
    ...(action === "discuss" ? { style: "primary" as const } : {}),
  }));
  // One overflow at the end (the cards' shared contract): *Similar papers*, and with `menu` the teaching options.
  const overflow = paperMenu(paperId, { teach: menu });
  if (overflow) elements.push(overflow);
  return { type: "actions", elements };
}
