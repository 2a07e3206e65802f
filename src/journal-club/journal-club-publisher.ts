// The port the journal club posts through: the core decides what and when, the transport renders and posts.
import type { PeriodPublisher } from "../digest/digest-publisher.ts";
import type { Summary } from "../summaries/summary.ts";
import type { JcSession } from "./journal-club-state.ts";
import type { JcEvent, Meeting } from "./meeting-times.ts";

/** The day before: the chosen paper (or that nothing was nominated), with *I'll present*. */
export interface JcAnnouncementPost {
  kind: "announce";
  /** `YYYY-MM-DD.announce`: marks the message so an interrupted run finds it in the channel's history. */
  occurrence: string;
  meeting: Meeting;
  timezone: string;
  /** Undefined when nothing was nominated. */
  session?: JcSession;
  /** The paper's earlier thread in the channel, when it was discussed there before. */
  existingThreadUrl?: string;
}

/** A day and an hour before: the paper, its summary, questions to start with, the presenter and the thread. */
export interface JcReminderPost {
  kind: "reminder";
  occurrence: string;
  event: Exclude<JcEvent, "announce">;
  meeting: Meeting;
  timezone: string;
  session: JcSession;
  /** Labelled: an LLM summary or a fallback that says what it is. */
  summary: Summary;
  questions: string[];
  /** The announcement's thread, where the paper is discussed. */
  threadUrl?: string;
}

export type JcPost = JcAnnouncementPost | JcReminderPost;

/** The digest's port without `render` (the journal club's transport renders as it posts), plus links. */
export interface JournalClubPublisher extends Omit<PeriodPublisher<never, JcPost>, "render"> {
  /** A link to the message `ts` (its thread), or undefined when Slack cannot give one. */
  threadUrl(channel: string, ts: string): Promise<string | undefined>;
}
