// Small mrkdwn pieces the journal club's messages share: a person, a meeting's time, a session's paper.

import { localParts, longDate } from "../../digest/zoned-time.ts";
import type { JcSession, Nomination } from "../../journal-club/journal-club-state.ts";
import type { Meeting } from "../../journal-club/meeting-times.ts";
import type { Paper } from "../../papers/paper.ts";
import { escapeText } from "../blocks/untrusted-text.ts";

/** `<@U…>` for a user id from Slack's own payloads (checked, so nothing else can become a mention). */
export function mention(user: string | undefined): string {
  return user && /^[UW][A-Z0-9]{1,20}$/.test(user) ? `<@${user}>` : "someone";
}

/** "Thursday, 3 December 2026 at 16:00 (Europe/Berlin)". */
export function meetingTime(meeting: Meeting, timezone: string): string {
  const { time } = localParts(meeting.at, timezone);
  return `${longDate(meeting.date)} at ${time} (${escapeText(timezone, { singleLine: true, maxLength: 60 })})`;
}

/** A nomination or session as a Paper, for the shared paper card (no abstract: the card shows the TL;DR). */
export function asPaper(item: Pick<Nomination, "paperId" | "title" | "authors">): Paper {
  return {
    id: item.paperId,
    title: item.title,
    abstract: "",
    authors: item.authors,
    categories: [],
    source: "file",
  };
}

/** "3 votes". */
export function votes(count: number): string {
  return `${count} vote${count === 1 ? "" : "s"}`;
}

/** The tie-break, said wherever a tie decides something. */
export const TIE_RULE = "equal votes go to the earliest nomination";

/** "*Title*" escaped, for lists. */
export function titleOf(item: Pick<JcSession, "title">, maxLength = 150): string {
  return `*${escapeText(item.title, { singleLine: true, maxLength }) || "Untitled paper"}*`;
}
