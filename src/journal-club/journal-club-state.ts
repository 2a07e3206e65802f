// A channel's journal club as plain data (schedule, nominations, votes, sessions) and the pure rules that change it.
import type { Weekday } from "../config/channel-config.ts";

/** A paper put forward for the next meeting. */
export interface Nomination {
  paperId: string;
  title: string;
  authors: string[];
  /** The cached TL;DR when the paper was nominated, with its label. */
  tldr?: { text: string; label: string };
  /** Who nominated it. */
  by: string;
  /** ISO time of the nomination: the tie-break (the earliest wins). */
  at: string;
  /** The nomination card's message ts, once posted. */
  ts?: string;
}

/** When the club meets: weekly, on `day` at `time` in `timezone`. */
export interface JcSchedule {
  day: Weekday;
  /** `HH:MM`, 24-hour. */
  time: string;
  timezone: string;
  /** ISO time of the edit: reminders whose time had already passed then are not sent. */
  setAt: string;
}

/** One meeting's paper, chosen when the meeting was announced. */
export interface JcSession {
  /** The meeting's local date, `YYYY-MM-DD`. */
  meetingDate: string;
  /** ISO instant of the meeting. */
  meetingAt: string;
  /** The schedule's time zone when the paper was chosen, to show the meeting's time. */
  timezone: string;
  paperId: string;
  title: string;
  authors: string[];
  votes: number;
  /** Nominations that had as many votes as the chosen one (lost the tie-break), by title. */
  tiedWith: string[];
  presenter?: string;
  /** The announcement's ts. */
  announcementTs?: string;
  /** Where the paper is discussed: its earlier thread in the channel, else the announcement's. */
  threadTs?: string;
}

export interface JcChannelState {
  schedule?: JcSchedule;
  nominations: Nomination[];
  /** user id → the paper id they vote for (one vote each). */
  votes: Record<string, string>;
  /** Newest first; the upcoming meeting's session, once announced, is the first. */
  sessions: JcSession[];
}

/** Open nominations at once per channel: a longer queue is not a shortlist any more. */
export const MAX_NOMINATIONS = 20;
/** Sessions kept as history. */
export const MAX_SESSIONS = 12;
/** Voters per channel (one entry each): bounds the state the way a channel's membership would. */
export const MAX_VOTERS = 2_000;

export function emptyState(): JcChannelState {
  return { nominations: [], votes: {}, sessions: [] };
}

/** Votes per nominated paper. */
export function voteCounts(state: JcChannelState): Map<string, number> {
  const counts = new Map(state.nominations.map((nomination) => [nomination.paperId, 0]));
  for (const paperId of Object.values(state.votes)) {
    const count = counts.get(paperId);
    if (count !== undefined) counts.set(paperId, count + 1);
  }
  return counts;
}

/** The nominations with their votes, most votes first; equal votes: the earliest nomination first. */
export function rankedQueue(state: JcChannelState): Array<Nomination & { votes: number }> {
  const counts = voteCounts(state);
  return state.nominations
    .map((nomination) => ({ ...nomination, votes: counts.get(nomination.paperId) ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.at.localeCompare(b.at));
}

/** What a click on *Vote* did. */
export type VoteOutcome =
  | { kind: "added"; paperId: string }
  | { kind: "removed"; paperId: string }
  | { kind: "moved"; paperId: string; from: string }
  | { kind: "not_open"; paperId: string }
  | { kind: "full" };

/**
 * One vote per person, changeable: voting for the paper you voted for takes the vote back; voting for
 * another nomination moves it there. Mutates `state`.
 */
export function toggleVote(state: JcChannelState, user: string, paperId: string): VoteOutcome {
  if (!state.nominations.some((nomination) => nomination.paperId === paperId)) {
    return { kind: "not_open", paperId };
  }
  const previous = state.votes[user];
  if (previous === paperId) {
    delete state.votes[user];
    return { kind: "removed", paperId };
  }
  if (previous === undefined && Object.keys(state.votes).length >= MAX_VOTERS) return { kind: "full" };
  state.votes[user] = paperId;
  const stillOpen = previous && state.nominations.some((nomination) => nomination.paperId === previous);
  return stillOpen ? { kind: "moved", paperId, from: previous } : { kind: "added", paperId };
}

/**
 * Chooses the meeting's paper: most votes, and among equal votes the earliest nomination. Removes it and
 * its votes from the queue (the other nominations and their votes carry over) and records the session.
 * Undefined when nothing is nominated. Mutates `state`.
 */
export function choosePaper(
  state: JcChannelState,
  meeting: { date: string; at: Date; timezone: string },
): JcSession | undefined {
  const [top, ...rest] = rankedQueue(state);
  if (!top) return undefined;
  const session: JcSession = {
    meetingDate: meeting.date,
    meetingAt: meeting.at.toISOString(),
    timezone: meeting.timezone,
    paperId: top.paperId,
    title: top.title,
    authors: top.authors,
    votes: top.votes,
    tiedWith: rest.filter((other) => other.votes === top.votes).map((other) => other.title),
  };
  state.nominations = state.nominations.filter((nomination) => nomination.paperId !== top.paperId);
  for (const [user, paperId] of Object.entries(state.votes)) {
    if (paperId === top.paperId) delete state.votes[user];
  }
  state.sessions = [session, ...state.sessions.filter((s) => s.meetingDate !== meeting.date)].slice(
    0,
    MAX_SESSIONS,
  );
  return session;
}
