// Wires the features Slack reaches beyond the digest (journal club, weekly roundup, discussion memory, reading lists).
import type { WebClient } from "@slack/web-api";
import { composeJournalClub, composeWeekly, type Services } from "./compose.ts";
import { createFeedbackStore } from "./feedback/feedback-store.ts";
import type { Logger } from "./logger.ts";
import { createSimilarPapers } from "./papers/similar-papers.ts";
import type { Metrics } from "./server/metrics.ts";
import type { DigestFeature } from "./slack/digest/digest-feature.ts";
import type { SlackPoster } from "./slack/digest/slack-poster.ts";
import type { JournalClubFeature } from "./slack/journal-club/jc-feature.ts";
import type { SlackFeatures } from "./slack/slack-features.ts";
import { chatPermalink } from "./slack/weekly/slack-roundup-publisher.ts";
import type { WeeklyFeature } from "./slack/weekly/weekly-feature.ts";

/** What startBot already has when the Slack features are wired: the team, its Slack clients, the digest. */
export interface SlackFeaturesWiring {
  team: string;
  slack: { token: string; apiUrl: string };
  poster: SlackPoster;
  digest: DigestFeature;
  webClient: WebClient;
  logger: Logger;
  metrics: Metrics;
  /** The clock of the journal club, activity counts and the weekly roundup (tests move it). */
  now?: () => Date;
  llmActionsPerUserPerHour?: number;
}

/** The journal club, the weekly roundup and the features the Slack app is given, over the services. */
export async function composeSlackFeatures(
  services: Services,
  wiring: SlackFeaturesWiring,
): Promise<{ journalClub: JournalClubFeature; weekly: WeeklyFeature; features: SlackFeatures }> {
  const { team, digest, logger, metrics } = wiring;
  const journalClub = await composeJournalClub(services, {
    team,
    slack: wiring.slack,
    // A meeting set without a zone is in the channel's: the one its digest uses (UTC by default).
    channelTimezone: async (channel) => (await digest.settings.view(channel)).config.timezone,
    ...(wiring.now ? { now: wiring.now } : {}),
  });
  const weekly = await composeWeekly(services, {
    team,
    poster: wiring.poster,
    digestSettings: digest.settings,
    permalink: chatPermalink(wiring.webClient),
    ...(wiring.now ? { now: wiring.now } : {}),
  });
  const features: SlackFeatures = {
    search: services.search,
    similar: createSimilarPapers({ index: services.index, search: services.search }),
    summarizer: services.summarizer,
    discussions: services.discussions,
    readingList: services.readingList,
    digests: digest.channelDigests,
    journalClub,
    activity: weekly.activity,
    weekly: weekly.commands,
    feedback: createFeedbackStore({ store: services.store, team }),
    store: services.store,
    logger,
    metrics,
    llmActionsPerUserPerHour: wiring.llmActionsPerUserPerHour ?? 30,
  };
  return { journalClub, weekly, features };
}
