// Builds the journal club (core, Slack publisher, scheduler) from real clients, for main.ts.
import type { Discussions } from "../../discussion/discussions.ts";
import { starterQuestions } from "../../discussion/starter-questions.ts";
import { createJournalClub, type JournalClub } from "../../journal-club/journal-club.ts";
import {
  createJournalClubScheduler,
  type JournalClubScheduler,
} from "../../journal-club/journal-club-scheduler.ts";
import type { Logger } from "../../logger.ts";
import type { PaperSearch } from "../../papers/search-papers.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { LlmClient } from "../../summaries/llm-client.ts";
import { loadPrompt } from "../../summaries/prompt-template.ts";
import type { Summarizer } from "../../summaries/summarizer.ts";
import { createDigestWebClient, createSlackPoster } from "../digest/slack-poster.ts";
import { createSlackJcPublisher } from "./slack-jc-publisher.ts";

export interface JournalClubFeatureOptions {
  store: StateStore;
  /** The Slack team (from `auth.test`); scopes every key. */
  team: string;
  slack: { token: string; apiUrl: string };
  search: Pick<PaperSearch, "lookup">;
  summarizer: Pick<Summarizer, "summarize">;
  /** The paper's discussion thread: an earlier one in the channel, or the announcement becomes it. */
  discussions?: Pick<Discussions, "startDiscussion">;
  /** Writes the starter questions when configured; templates otherwise. */
  llm?: LlmClient;
  promptsDir: string;
  /** The channel's time zone (its digest settings'), for a schedule that names none. */
  channelTimezone(channel: string): Promise<string>;
  logger: Logger;
  now?: () => Date;
}

export interface JournalClubFeature {
  club: JournalClub;
  scheduler: JournalClubScheduler;
  /** The clock the club and its scheduler read (tests set it). */
  now: () => Date;
}

const QUESTIONS_TIMEOUT_MS = 30_000;

export function createJournalClubFeature(options: JournalClubFeatureOptions): JournalClubFeature {
  const { store, team, logger } = options;
  const now = options.now ?? (() => new Date());
  const club = createJournalClub({ store, team, now, channelTimezone: options.channelTimezone });
  // Its own paced client: scheduled posts wait out 429s themselves instead of pausing the bot's client.
  const client = createDigestWebClient({ token: options.slack.token, slackApiUrl: options.slack.apiUrl });
  const publisher = createSlackJcPublisher(createSlackPoster({ client, logger }), client);
  const scheduler = createJournalClubScheduler({
    clubs: club.clubs,
    store,
    team,
    publisher,
    ...(options.discussions ? { discussions: options.discussions } : {}),
    findPaper: async (id) => (await options.search.lookup(id)).paper,
    summarize: (paper) => options.summarizer.summarize(paper),
    questions: async (paper, summary) =>
      (
        await starterQuestions({
          paper,
          summary,
          ...(options.llm ? { llm: options.llm } : {}),
          prompt: () => loadPrompt("questions", options.promptsDir),
          timeoutMs: QUESTIONS_TIMEOUT_MS,
          logger,
        })
      ).questions,
    logger,
    now,
  });
  return { club, scheduler, now };
}
