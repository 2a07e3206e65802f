// Builds the weekly roundup and the activity counting behind it: settings, ledger, Slack publisher, scheduler, command.
import { LRUCache } from "lru-cache";
import { type ActivityLedger, createActivityLedger } from "../../activity/activity-ledger.ts";
import { type ActivityRecorder, createActivityRecorder } from "../../activity/activity-recorder.ts";
import type { RoundupDeps, RoundupRun } from "../../activity/run-roundup.ts";
import { createWeeklyScheduler } from "../../activity/weekly-scheduler.ts";
import { createWeeklySettings, type WeeklySettings } from "../../activity/weekly-settings.ts";
import type { ChannelSettings } from "../../digest/channel-settings.ts";
import type { PeriodScheduler } from "../../digest/period-scheduler.ts";
import type { Logger } from "../../logger.ts";
import type { Paper } from "../../papers/paper.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import type { SlackPoster } from "../digest/slack-poster.ts";
import { createSlackRoundupPublisher, type PermalinkPort } from "./slack-roundup-publisher.ts";
import { answerWeeklyCommand } from "./weekly-command.ts";

export interface WeeklyFeatureOptions {
  store: StateStore;
  /** The deployment's Slack team (auth.test): it keys the counts, the settings and the ledger. */
  team: string;
  /** The digest's paced poster (posts and history). */
  poster: SlackPoster;
  /** `chat.getPermalink` for thread links. */
  permalink: PermalinkPort;
  /** The digest's channel settings: a channel's time zone when its roundup has none yet. */
  digestSettings: Pick<ChannelSettings, "view">;
  lookup(paperId: string): Promise<Paper | undefined>;
  logger: Logger;
  now?: () => Date;
}

/** What Slack's `/papers weekly` calls. */
export interface WeeklyCommands {
  handle(text: string, where: { channel: string; user: string }): Promise<SlackMessage>;
}

export interface WeeklyFeature {
  activity: ActivityRecorder;
  ledger: ActivityLedger;
  commands: WeeklyCommands;
  settings: WeeklySettings;
  deps: RoundupDeps;
  scheduler: PeriodScheduler<RoundupRun>;
}

export function createWeeklyFeature(options: WeeklyFeatureOptions): WeeklyFeature {
  const { store, team, logger } = options;
  const now = options.now ?? (() => new Date());
  const settings = createWeeklySettings({ store, team, now });
  const defaultTimezone = async (channel: string) =>
    (await options.digestSettings.view(channel)).config.timezone;
  // Every counted event needs its channel's zone: remembered a minute, for the channels seen most recently.
  const zones = new LRUCache<string, string>({ max: 1_000, ttl: 60_000 });
  const ledger = createActivityLedger({
    store,
    async timezoneOf(_team, channel) {
      const known = zones.get(channel);
      if (known) return known;
      const zone = (await settings.get(channel))?.timezone ?? (await defaultTimezone(channel));
      zones.set(channel, zone);
      return zone;
    },
  });
  settings.onChange(() => zones.clear());
  const deps: RoundupDeps = {
    store,
    team,
    settings,
    activity: ledger,
    publisher: createSlackRoundupPublisher(options.poster, options.permalink),
    lookup: options.lookup,
    logger,
  };
  return {
    activity: createActivityRecorder({ ledger, team, now, logger }),
    ledger,
    settings,
    deps,
    scheduler: createWeeklyScheduler({ deps, now }),
    commands: {
      handle: (text, where) =>
        answerWeeklyCommand({ deps, defaultTimezone, channel: where.channel, text, now: now() }),
    },
  };
}
