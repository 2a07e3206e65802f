// The "Discussed here on 27 Nov · 12 replies" line a paper card carries in a channel that talked about it.
import type { ContextBlock } from "@slack/types";
import { mrkdwnLink } from "./untrusted-text.ts";

/** A paper's earlier discussion in the channel the card is shown in. */
export interface CardDiscussed {
  /** ISO time the thread was started. */
  startedAt: string;
  replies: number;
  /** The thread's permalink (`chat.getPermalink`); without it the line is shown unlinked. */
  permalink?: string;
  /** The channel's time zone (IANA), whose calendar day the line names; UTC without it. */
  timeZone?: string;
}

/** The context block for a card: linked "Discussed here on 27 Nov", then the reply count. */
export function discussedHereBlock(discussed: CardDiscussed, now: Date = new Date()): ContextBlock {
  const label = `Discussed here on ${shortDate(discussed.startedAt, now, discussed.timeZone)}`;
  const replies = Math.max(0, Math.floor(discussed.replies));
  const count = replies === 0 ? "no replies yet" : `${replies} repl${replies === 1 ? "y" : "ies"}`;
  return {
    type: "context",
    elements: [
      { type: "mrkdwn", text: `:speech_balloon: ${mrkdwnLink(discussed.permalink, label)} · ${count}` },
    ],
  };
}

/**
 * "27 Nov", or "27 Nov 2025" for another year, as a calendar in `timeZone` shows it. A card does not know its
 * reader's zone; the channel's (the one its digest uses) is the day the people there remember talking.
 */
export function shortDate(iso: string, now: Date, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "an earlier day";
  const yearOf = (instant: Date) =>
    new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone }).format(instant);
  const sameYear = yearOf(date) === yearOf(now);
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone,
  }).format(date);
}
