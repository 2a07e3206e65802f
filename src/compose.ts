// The one composition root: builds, from a Config and a logger, the parts both the bot (main.ts) and the CLI use.
import type { ChannelConfig } from "./config/channel-config.ts";
import type { Config } from "./config/load-config.ts";
import type { Logger } from "./logger.ts";
import { createServices, type Services } from "./services.ts";
import type { DigestFeature, DigestFeatureOptions } from "./slack/digest/digest-feature.ts";

export type { Services } from "./services.ts";

/** What differs between the bot and a CLI command when the services are built. */
export interface ComposeOptions {
  /** Search workers: the long-running bot wants `config.searchWorkers`; a one-shot command none. */
  searchWorkers?: number;
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
    logger: services.logger,
  });
}
