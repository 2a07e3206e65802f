// The `/papers <query>` answer: a header, up to five paper cards, *More results*, or a no-results hint.
import type { HeaderBlock, KnownBlock } from "@slack/types";
import type { Paper } from "../../papers/paper.ts";
import { type PaperAction, SEARCH_MORE_ACTION_ID } from "./action-ids.ts";
import type { CardDiscussed } from "./discussed-here-line.ts";
import { fitMessage, truncatePlainText } from "./fit-to-slack-limits.ts";
import { type CardTldr, renderPaperCard, type SlackMessage } from "./paper-card.ts";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { cleanText, escapeText } from "./untrusted-text.ts";

/** One search result as the list shows it. */
export interface PaperListHit {
  paper: Paper;
  /** Search snippet, shown when there is no TL;DR. */
  snippet?: string;
  /** A cached TL;DR; search never waits for the LLM. */
  tldr?: CardTldr;
  /** `hf`, `arxiv`, `local` or a label; see `PaperCardOptions.foundVia`. */
  foundVia?: string;
  /** Its earlier thread in this channel, if any. */
  discussed?: CardDiscussed;
}

export interface PaperListOptions {
  /** The query as the user typed it (untrusted). */
  query: string;
  /** 1-based number of the page these hits are. */
  page: number;
  /** Whether a next page exists: adds *More results* (`search_more`, value encodes query and page + 1). */
  hasMore: boolean;
  /** A plain-text line under the header (untrusted: escaped here), e.g. that only partial matches were found. */
  note?: string;
  /** Buttons on each card; default Share, Summarize, Discuss. */
  cardActions?: PaperAction[];
  /** The header's words before the quoted query (default "Results for"), e.g. "Papers like" a title. */
  heading?: string;
  /** Sources that could not be asked ("Hugging Face"): the answer says it comes from the index alone. */
  unreachable?: string;
}

/** Cards per page: 5 cards of at most 4 blocks + dividers + header + footer stay far below 50 blocks. */
export const PAPERS_PER_PAGE = 5;
const QUERY_IN_VALUE_MAX = 1_500;

/**
 * Renders a page of search results: a plain_text header "Results for “query”", up to five cards, and a
 * *More results* button when `hasMore`. With no hits it says so and suggests a broader query.
 */
export function renderPaperListMessage(hits: PaperListHit[], options: PaperListOptions): SlackMessage {
  const query = cleanText(options.query, { singleLine: true });
  const shownQuery = escapeText(query, { maxLength: 200 });
  // A labelled fallback: when sources were down, the answer says the results are the index's alone.
  const fallback = options.unreachable
    ? `${options.unreachable} could not be reached; these are the papers paperboy already had.`
    : undefined;
  if (hits.length === 0) return renderNoResults(query, shownQuery, options.page, fallback);

  const pageSuffix = options.page > 1 ? ` (page ${options.page})` : "";
  const heading = options.heading ?? "Results for";
  const blocks: KnownBlock[] = [header(heading, query, pageSuffix)];
  if (options.note) {
    const note = escapeText(options.note, { singleLine: true, maxLength: 500 });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: note }] });
  }
  const actions = options.cardActions ?? ["share", "summarize", "discuss"];
  hits.slice(0, PAPERS_PER_PAGE).forEach((hit, index) => {
    if (index > 0) blocks.push({ type: "divider" });
    const card: Parameters<typeof renderPaperCard>[1] = { actions, menu: true };
    if (hit.tldr) card.tldr = hit.tldr;
    if (hit.snippet !== undefined) card.snippet = hit.snippet;
    if (hit.foundVia !== undefined) card.foundVia = hit.foundVia;
    if (hit.discussed) card.discussed = hit.discussed;
    blocks.push(...renderPaperCard(hit.paper, card));
  });
  if (options.hasMore) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: SEARCH_MORE_ACTION_ID,
          text: { type: "plain_text", text: "More results" },
          value: encodeMoreResultsValue(query, options.page + 1),
        },
      ],
    });
  }
  if (fallback) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeText(fallback) }] });
  const count = Math.min(hits.length, PAPERS_PER_PAGE);
  const text = `${heading} “${shownQuery}”${pageSuffix}: ${count} paper${count === 1 ? "" : "s"}`;
  return fitMessage({ text, blocks });
}

function renderNoResults(query: string, shownQuery: string, page: number, fallback?: string): SlackMessage {
  const what = query === "" ? "No papers matched that search." : `No papers matched “${shownQuery}”.`;
  const tail = page > 1 ? " There are no more results." : "";
  const hint =
    "Try a broader query: fewer or more general words (for example `diffusion` instead of a full title), " +
    "an arXiv id like `2302.06675`, or a link to the paper on arXiv or Hugging Face.";
  return fitMessage({
    text: `${what}${tail} Try a broader query.`,
    blocks: [
      query === "" ? header("No results", "") : header("No results for", query),
      { type: "section", text: { type: "mrkdwn", text: `${what}${tail}\n${hint}` } },
      ...(fallback
        ? [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: escapeText(fallback) }] }]
        : []),
    ],
  });
}

// plain_text is shown literally (no mentions, no entities), so the query goes in cleaned but unescaped.
function header(label: string, query: string, suffix = ""): HeaderBlock {
  if (query === "") return { type: "header", text: { type: "plain_text", text: `${label}${suffix}` } };
  const room = SLACK_LIMITS.headerText - label.length - suffix.length - 3;
  const text = `${label} “${truncatePlainText(query, room)}”${suffix}`;
  return { type: "header", text: { type: "plain_text", text } };
}

/**
 * Encodes the *More results* button value as JSON `{"q": query, "p": page}`, shortening the query so the
 * value stays within Slack's 2,000-character limit.
 */
export function encodeMoreResultsValue(query: string, page: number): string {
  let q = truncatePlainText(cleanText(query, { singleLine: true }), QUERY_IN_VALUE_MAX);
  let value = JSON.stringify({ q, p: page });
  // JSON escaping can grow a string (e.g. `"` → `\"`); shrink until it fits.
  while (value.length > SLACK_LIMITS.buttonValue) {
    q = truncatePlainText(q, Math.floor(q.length * 0.8));
    value = JSON.stringify({ q, p: page });
  }
  return value;
}

/** Decodes a *More results* button value; `undefined` when it is not one (values are user-controlled input). */
export function parseMoreResultsValue(value: string): { query: string; page: number } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { q, p } = parsed as { q?: unknown; p?: unknown };
  if (typeof q !== "string" || typeof p !== "number" || !Number.isInteger(p) || p < 1) return undefined;
  return { query: q, page: p };
}
