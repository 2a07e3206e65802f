// What the Slack layer needs from the product: plain feature modules that know nothing of Slack.
import type { ActivityRecorder } from "../activity/activity-recorder.ts";
import type { Discussions } from "../discussion/discussions.ts";
import type { FeedbackStore } from "../feedback/feedback-store.ts";
import type { Logger } from "../logger.ts";
import type { PaperSearch } from "../papers/search-papers.ts";
import type { SimilarPapers } from "../papers/similar-papers.ts";
import type { ReadingList } from "../reading-list/reading-list.ts";
import type { Metrics } from "../server/metrics.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Summarizer } from "../summaries/summarizer.ts";
import type { ChannelDigests } from "./digest/channel-digests.ts";
import type { JournalClubFeature } from "./journal-club/jc-feature.ts";
import type { WeeklyCommands } from "./weekly/weekly-feature.ts";

export interface SlackFeatures {
  search: PaperSearch;
  /** Papers like a given one (`/papers similar`, the card menu); without it those say it is unavailable. */
  similar?: SimilarPapers;
  summarizer: Pick<Summarizer, "summarize" | "cached">;
  discussions: Discussions;
  readingList: ReadingList;
  /** Channel digest settings and on-demand digests (`/papers schedule|topics|exclude|digest|settings`). */
  digests: ChannelDigests;
  /** The channel's journal club (`/papers jc …`, *Vote*, *I'll present*); absent where it is not wired. */
  journalClub?: JournalClubFeature;
  /** Counts saves, discussions, replies, reactions and likes per paper for the weekly roundup. */
  activity?: ActivityRecorder;
  /** `/papers weekly …`. */
  weekly?: WeeklyCommands;
  /** What each channel taught paperboy (*More/Less like this*, seeds, saves, discussions), keyed by the digest's team. */
  feedback: FeedbackStore;
  /** Event de-duplication and per-user limits, shared by every instance. */
  store: StateStore;
  logger: Logger;
  metrics?: Metrics;
  /** LLM-backed actions (Summarize, Discuss, questions in threads) a user may start per hour. */
  llmActionsPerUserPerHour: number;
}
