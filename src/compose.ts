// The one composition root: builds, from a Config and a logger, the parts both the bot (main.ts) and the CLI use.
import type { ChannelConfig } from "./config/channel-config.ts";
import type { Config } from "./config/load-config.ts";
import type { Logger } from "./logger.ts";
import { createServices, PROMPTS_DIR, type Services } from "./services.ts";
import type { DigestFeature, DigestFeatureOptions } from "./slack/digest/digest-feature.ts";
import type { JournalClubFeature, JournalClubFeatureOptions } from "./slack/journal-club/jc-feature.ts";
import type { WeeklyFeature, WeeklyFeatureOptions } from "./slack/weekly/weekly-feature.ts";

export type { Services } from "./services.ts";

/** What differs between the bot and a CLI command when the services are built. */
export interface ComposeOptions {
  /** Search workers: the long-running bot wants `config.searchWorkers`; a one-shot command none. */
  searchWorkers?: number;
  /** The bot starts its search workers once it answers /readyz (see SearchWorkersOptions.startAfter). */
  searchWorkersAfter?: Promise<unknown>;
  /** Open the state store on first use (one-shot commands, most of which never touch it). */
  lazyStore?: boolean;
}

/**
 * Opens storage and builds every client the config names (index, sources, search, state, LLM,
 * summaries, discussions, reading lists). The caller closes what it gets.
 */
export function composeServices(
  config: Config,
  logger: Logger,
  options: ComposeOptions = {},
): Promise<Services> {
  return createServices(config, logger, options);
}

/** What differs between the bot and `paperboy digest` when the digest is wired. */
export interface DigestWiring {
  /** The Slack team id; it keys the digest ledger and the channel settings. */
  team: string;
  /** A bot token and Web API URL (the digest builds its own paced client), or a ready poster. */
  slack: DigestFeatureOptions["slack"];
  /** Channels from the config file; default `config.digest.channels` (the playground adds its own). */
  fileChannels?: readonly ChannelConfig[];
}

/**
 * The digest feature (settings, candidate fetcher, ranking, summaries, the Slack publisher and the
 * scheduler) over the services' clients. Imported on demand: only the bot and `paperboy digest` load it.
 */
export async function composeDigest(services: Services, wiring: DigestWiring): Promise<DigestFeature> {
  const { createDigestFeature } = await import("./slack/digest/digest-feature.ts");
  const { config } = services;
  return createDigestFeature({
    store: services.store,
    fileChannels: wiring.fileChannels ?? config.digest.channels,
    graceHours: config.digest.graceHours,
    team: wiring.team,
    slack: wiring.slack,
    hf: services.hf,
    arxiv: services.arxivFeed,
    arxivAuthors: services.arxiv,
    index: services.index,
    summarizer: services.summarizer,
    discussions: services.discussions,
    logger: services.logger,
  });
}

/** What differs between deployments when the journal club is wired. */
export type JournalClubWiring = Pick<JournalClubFeatureOptions, "team" | "slack" | "channelTimezone" | "now">;

/** The journal club (commands, votes, its scheduler) over the services' store, search and summarizer. */
export async function composeJournalClub(
  services: Services,
  wiring: JournalClubWiring,
): Promise<JournalClubFeature> {
  const { createJournalClubFeature } = await import("./slack/journal-club/jc-feature.ts");
  return createJournalClubFeature({
    ...wiring,
    store: services.store,
    search: services.search,
    summarizer: services.summarizer,
    discussions: services.discussions,
    ...(services.llm ? { llm: services.llm } : {}),
    promptsDir: PROMPTS_DIR,
    logger: services.logger,
  });
}

/** What the bot hands the weekly roundup: its team, the digest's poster and settings, a permalink port, a clock. */
export type WeeklyWiring = Pick<
  WeeklyFeatureOptions,
  "team" | "poster" | "permalink" | "digestSettings" | "now"
>;

/**
 * The weekly roundup and the activity counting behind it, over the services' store and search (titles).
 * Imported on demand, like the digest.
 */
export async function composeWeekly(services: Services, wiring: WeeklyWiring): Promise<WeeklyFeature> {
  const { createWeeklyFeature } = await import("./slack/weekly/weekly-feature.ts");
  return createWeeklyFeature({
    ...wiring,
    store: services.store,
    lookup: async (id) => (await services.search.lookup(id)).paper,
    logger: services.logger,
  });
}
