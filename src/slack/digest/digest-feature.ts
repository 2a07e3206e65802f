// Builds the digest feature with Slack as its publisher, from real clients in one call, for main.ts and the CLI.
import type { ChannelConfig } from "../../config/channel-config.ts";
import {
  type AuthorPapersSource,
  createCandidateFetcher,
  type DailyPapersSource,
  type DigestIndex,
  type NewSubmissionsSource,
} from "../../digest/candidate-fetcher.ts";
import { type ChannelSettings, createChannelSettings } from "../../digest/channel-settings.ts";
import { createDigestScheduler, type DigestScheduler } from "../../digest/digest-scheduler.ts";
import type { DigestDeps } from "../../digest/run-digest.ts";
import type { Discussions } from "../../discussion/discussions.ts";
import type { Logger } from "../../logger.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { Summarizer } from "../../summaries/summarizer.ts";
import { type ChannelDigests, createChannelDigests } from "./channel-digests.ts";
import { digestDiscussedHere } from "./digest-discussed-here.ts";
import { createSlackDigestPublisher } from "./slack-digest-publisher.ts";
import {
  createDigestWebClient,
  createSlackPoster,
  type SlackPoster,
  type SlackPosterStats,
} from "./slack-poster.ts";

export interface DigestFeatureOptions {
  store: StateStore;
  /** `config.digest.channels`. */
  fileChannels: readonly ChannelConfig[];
  /** `config.digest.graceHours`. */
  graceHours?: number;
  /** The Slack team id (from `auth.test`); part of the ledger and settings keys. */
  team: string;
  /** Either a bot token and Web API URL (a digest-specific WebClient is built), or a ready poster. */
  slack: { token: string; apiUrl?: string } | { poster: SlackPoster };
  hf?: DailyPapersSource;
  arxiv?: NewSubmissionsSource;
  /** The arXiv API: followed authors' new papers the day's sources miss. */
  arxivAuthors?: AuthorPapersSource;
  /** The papers index: BM25 for ranking, and the fallback when a source is down. */
  index?: DigestIndex;
  summarizer: Pick<Summarizer, "summarize">;
  /** The channel's discussions: digest cards of papers discussed there say so. */
  discussions?: Pick<Discussions, "discussedHere">;
  logger: Logger;
  now?: () => Date;
}

export interface DigestFeature {
  deps: DigestDeps;
  /** For `SlackFeatures.digests`. */
  channelDigests: ChannelDigests;
  settings: ChannelSettings;
  scheduler: DigestScheduler;
  /** The candidate fetcher's failed fetches by source, for /metrics' `paperboy_source_failures_total`. */
  sourceFailures(): Record<string, number>;
  /** Poster counters (posts, 429s, 5xx, history calls) for /metrics; undefined for an injected poster. */
  posterStats?: () => SlackPosterStats;
}

/**
 * Wires settings, candidate fetching, ranking, summaries and the Slack poster into `DigestDeps` and a
 * scheduler. Call `feature.scheduler.start()` once the app is up and `stop()` on shutdown.
 */
export function createDigestFeature(options: DigestFeatureOptions): DigestFeature {
  const { store, logger } = options;
  const settings = createChannelSettings({
    store,
    fileChannels: options.fileChannels,
    team: options.team,
    ...(options.now ? { now: options.now } : {}),
  });
  let poster: SlackPoster;
  let posterStats: (() => SlackPosterStats) | undefined;
  let client: ReturnType<typeof createDigestWebClient> | undefined;
  if ("poster" in options.slack) {
    poster = options.slack.poster;
  } else {
    client = createDigestWebClient({
      token: options.slack.token,
      ...(options.slack.apiUrl ? { slackApiUrl: options.slack.apiUrl } : {}),
    });
    const real = createSlackPoster({ client, logger });
    poster = real;
    posterStats = real.stats;
  }
  const candidates = createCandidateFetcher({
    logger,
    store,
    ...(options.hf ? { hf: options.hf } : {}),
    ...(options.arxiv ? { arxiv: options.arxiv } : {}),
    ...(options.arxivAuthors ? { authors: options.arxivAuthors } : {}),
    ...(options.index ? { index: options.index } : {}),
  });
  const deps: DigestDeps = {
    store,
    settings,
    publisher: createSlackDigestPublisher(poster),
    candidates,
    summarizer: options.summarizer,
    logger,
    team: options.team,
    ...(options.discussions
      ? {
          discussedHere: digestDiscussedHere({
            discussions: options.discussions,
            team: options.team,
            logger,
            ...(client ? { client } : {}),
          }),
        }
      : {}),
  };
  const scheduler = createDigestScheduler({
    deps,
    ...(options.now ? { now: options.now } : {}),
    ...(options.graceHours !== undefined ? { graceHours: options.graceHours } : {}),
  });
  const channelDigests = createChannelDigests(deps, options.now);
  return {
    deps,
    settings,
    scheduler,
    channelDigests,
    sourceFailures: () => candidates.sourceFailures(),
    ...(posterStats ? { posterStats } : {}),
  };
}
