// The journal club's commands as plain outcomes: nominate, vote, schedule, presenters, and the overview.
import type { Weekday } from "../config/channel-config.ts";
import type { StateStore } from "../state/state-store.ts";
import {
  type JcChannelState,
  type JcSchedule,
  type JcSession,
  MAX_NOMINATIONS,
  type Nomination,
  rankedQueue,
  toggleVote,
  type VoteOutcome,
  voteCounts,
} from "./journal-club-state.ts";
import { createJournalClubStore, type JournalClubStore } from "./journal-club-store.ts";
import { type Meeting, nextMeeting } from "./meeting-times.ts";

export interface JournalClubOptions {
  store: StateStore;
  /** The Slack team; scopes every key. */
  team: string;
  now?: () => Date;
  /** The channel's time zone (its digest settings'), for a schedule that names none. */
  channelTimezone(channel: string): Promise<string>;
}

export type NominateOutcome =
  | { kind: "nominated"; nomination: Nomination }
  | { kind: "already"; nomination: Nomination; votes: number }
  | { kind: "full" };

/** A nomination card to redraw after a vote, with its new count. */
export interface CardUpdate {
  nomination: Nomination;
  votes: number;
}

export type PresenterOutcome =
  | { kind: "taken"; session: JcSession }
  | { kind: "assigned"; session: JcSession; from?: string }
  | { kind: "already_you"; session: JcSession }
  | { kind: "taken_by"; session: JcSession; presenter: string }
  | { kind: "not_presenter"; session: JcSession; presenter: string }
  /** Someone named another person while nobody presents yet: they must take it themselves. */
  | { kind: "nobody_presents"; session: JcSession }
  | { kind: "no_session" }
  /** *I'll present* on the announcement of a meeting that has taken place. */
  | { kind: "over" };

/** What `/papers jc` shows. */
export interface JcOverview {
  queue: Array<Nomination & { votes: number }>;
  schedule?: JcSchedule;
  next?: Meeting;
  /** The next meeting's session, when its paper was announced. */
  upcoming?: JcSession;
  past: JcSession[];
}

export interface JournalClub {
  readonly clubs: JournalClubStore;
  nominate(
    channel: string,
    user: string,
    paper: Pick<Nomination, "title" | "authors" | "tldr"> & { id: string },
  ): Promise<NominateOutcome>;
  /** Takes a nomination back (its card could not be posted), with any votes for it. */
  withdraw(channel: string, paperId: string): Promise<void>;
  /** Remembers where a nomination's card was posted, so votes can redraw it. */
  recordCard(channel: string, paperId: string, ts: string): Promise<void>;
  /** Casts, moves or takes back `user`'s vote; says which cards to redraw. */
  vote(
    channel: string,
    user: string,
    paperId: string,
  ): Promise<{ outcome: VoteOutcome; cards: CardUpdate[] }>;
  schedule(
    channel: string,
    when: { day: Weekday; time: string; timezone?: string },
  ): Promise<{ schedule: JcSchedule; next: Meeting }>;
  /** Stops the meetings; false when none were scheduled. */
  unschedule(channel: string): Promise<boolean>;
  /** *I'll present* on the announcement of `meetingDate`: the first taker presents. */
  claimPresenter(channel: string, user: string, meetingDate?: string): Promise<PresenterOutcome>;
  /** The presenter (or, while there is none, anyone naming themself) hands the next meeting to `to`. */
  assignPresenter(channel: string, by: string, to: string): Promise<PresenterOutcome>;
  overview(channel: string): Promise<JcOverview>;
}

export function createJournalClub(options: JournalClubOptions): JournalClub {
  const clubs = createJournalClubStore(options.store, options.team);
  const now = options.now ?? (() => new Date());

  const isOver = (session: JcSession) => Date.parse(session.meetingAt) <= now().getTime();
  /** The announced session of the next meeting: the newest one whose meeting has not started. */
  const upcoming = (state: JcChannelState, at: Date) =>
    state.sessions.find((session) => Date.parse(session.meetingAt) > at.getTime());

  return {
    clubs,
    nominate: (channel, user, paper) =>
      clubs.update(channel, (state): NominateOutcome => {
        const existing = state.nominations.find((nomination) => nomination.paperId === paper.id);
        if (existing) {
          return { kind: "already", nomination: existing, votes: voteCounts(state).get(paper.id) ?? 0 };
        }
        if (state.nominations.length >= MAX_NOMINATIONS) return { kind: "full" };
        const nomination: Nomination = {
          paperId: paper.id,
          title: paper.title,
          authors: paper.authors.slice(0, 10),
          by: user,
          at: now().toISOString(),
          ...(paper.tldr ? { tldr: paper.tldr } : {}),
        };
        state.nominations.push(nomination);
        return { kind: "nominated", nomination };
      }),
    withdraw: (channel, paperId) =>
      clubs.update(channel, (state) => {
        state.nominations = state.nominations.filter((nomination) => nomination.paperId !== paperId);
        for (const [user, votedFor] of Object.entries(state.votes)) {
          if (votedFor === paperId) delete state.votes[user];
        }
      }),
    recordCard: (channel, paperId, ts) =>
      clubs.update(channel, (state) => {
        const nomination = state.nominations.find((candidate) => candidate.paperId === paperId);
        if (nomination) nomination.ts = ts;
      }),
    vote: (channel, user, paperId) =>
      clubs.update(channel, (state) => {
        const outcome = toggleVote(state, user, paperId);
        const counts = voteCounts(state);
        const touched = new Set([paperId, ...(outcome.kind === "moved" ? [outcome.from] : [])]);
        const cards = state.nominations
          .filter((nomination) => touched.has(nomination.paperId))
          .map((nomination) => ({ nomination, votes: counts.get(nomination.paperId) ?? 0 }));
        return { outcome, cards };
      }),
    async schedule(channel, when) {
      const timezone = when.timezone ?? (await options.channelTimezone(channel));
      const schedule: JcSchedule = {
        day: when.day,
        time: when.time,
        timezone,
        setAt: now().toISOString(),
      };
      await clubs.update(channel, (state) => {
        state.schedule = schedule;
      });
      await clubs.track(channel, true);
      return { schedule, next: nextMeeting(schedule, now()) };
    },
    async unschedule(channel) {
      const had = await clubs.update(channel, (state) => {
        const was = state.schedule !== undefined;
        delete state.schedule;
        return was;
      });
      await clubs.track(channel, false);
      return had;
    },
    claimPresenter: (channel, user, meetingDate) =>
      clubs.update(channel, (state): PresenterOutcome => {
        if (meetingDate && !state.sessions.some((s) => s.meetingDate === meetingDate && !isOver(s))) {
          const known = state.sessions.some((s) => s.meetingDate === meetingDate);
          return known ? { kind: "over" } : { kind: "no_session" };
        }
        const session = upcoming(state, now());
        if (!session) return { kind: "no_session" };
        if (session.presenter === user) return { kind: "already_you", session };
        if (session.presenter) return { kind: "taken_by", session, presenter: session.presenter };
        session.presenter = user;
        return { kind: "taken", session };
      }),
    assignPresenter: (channel, by, to) =>
      clubs.update(channel, (state): PresenterOutcome => {
        const session = upcoming(state, now());
        if (!session) return { kind: "no_session" };
        const current = session.presenter;
        // The presenter hands over; with no presenter yet, only volunteering yourself is allowed.
        if (current && current !== by) return { kind: "not_presenter", session, presenter: current };
        if (!current && to !== by) return { kind: "nobody_presents", session };
        session.presenter = to;
        return { kind: "assigned", session, ...(current ? { from: current } : {}) };
      }),
    async overview(channel) {
      const state = await clubs.read(channel);
      const at = now();
      const next = state.schedule ? nextMeeting(state.schedule, at) : undefined;
      const coming = upcoming(state, at);
      return {
        queue: rankedQueue(state),
        ...(state.schedule ? { schedule: state.schedule } : {}),
        ...(next ? { next } : {}),
        ...(coming ? { upcoming: coming } : {}),
        past: state.sessions.filter((session) => Date.parse(session.meetingAt) <= at.getTime()),
      };
    },
  };
}
