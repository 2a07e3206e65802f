// Each channel's weekly roundup settings (on/off, day, time, time zone, quiet weeks), shared by every instance.
import type { Weekday } from "../config/channel-config.ts";
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";

/** What a quiet week (nothing saved, discussed or reacted to) posts: a one-line note, or nothing. */
export type QuietWeek = "note" | "skip";

export interface WeeklyConfig {
  channel: string;
  enabled: boolean;
  day: Weekday;
  /** `HH:MM`, 24-hour, on the channel's wall clock. */
  time: string;
  timezone: string;
  quiet: QuietWeek;
}

export const WEEKLY_DEFAULTS = { day: "fri", time: "16:00", quiet: "note" } as const;

export interface WeeklySettings {
  /** The channel's settings, or undefined when the roundup was never set up there. */
  get(channel: string): Promise<WeeklyConfig | undefined>;
  /** Every channel with settings (on or off). */
  list(): Promise<WeeklyConfig[]>;
  /**
   * Changes a channel's settings from what they are (or from `initial` the first time), one edit at a time
   * across instances; a change of schedule is stamped so a time already past this week is not caught up.
   */
  update(
    channel: string,
    initial: () => Promise<WeeklyConfig>,
    edit: (current: WeeklyConfig) => Partial<WeeklyConfig>,
  ): Promise<WeeklyConfig>;
  /** When the schedule was last edited. */
  editedAt(channel: string): Promise<Date | undefined>;
  onChange(listener: () => void): () => void;
}

const SCHEDULE_FIELDS = ["enabled", "day", "time", "timezone"] as const;
const BUSY =
  "Someone else is changing this channel's weekly roundup right now, so nothing was changed. Try again in a few seconds.";

/** The settings of one team (workspace) on the shared store; keys are scoped by team like the digest's. */
export function createWeeklySettings(options: {
  store: StateStore;
  team: string;
  now?: () => Date;
}): WeeklySettings {
  const { store, team } = options;
  const now = options.now ?? (() => new Date());
  const key = (channel: string) => `weekly:settings:${team}:${channel}`;
  const editedKey = (channel: string) => `weekly:settings-edited:${team}:${channel}`;
  const channelsKey = `weekly:channels:${team}`;
  const listeners = new Set<() => void>();
  const get = (channel: string) => store.get<WeeklyConfig>(key(channel));

  return {
    get,
    async list() {
      const channels = (await store.get<string[]>(channelsKey)) ?? [];
      const configs = await Promise.all(channels.map(get));
      return configs.filter((config): config is WeeklyConfig => config !== undefined);
    },
    async update(channel, initial, edit) {
      const updated = await runLocked(
        store,
        `weekly:settings-lock:${team}:${channel}`,
        async () => {
          const current = (await get(channel)) ?? (await initial());
          const patch = edit(current);
          const next = { ...current, ...patch, channel };
          const channels = (await store.get<string[]>(channelsKey)) ?? [];
          if (!channels.includes(channel)) {
            // Listed before the settings are written: a listing without settings is harmless.
            await runLocked(store, `weekly:channels-lock:${team}`, async () => {
              const fresh = (await store.get<string[]>(channelsKey)) ?? [];
              if (!fresh.includes(channel)) await store.set(channelsKey, [...fresh, channel]);
            });
          }
          await store.set(key(channel), next);
          if (SCHEDULE_FIELDS.some((field) => field in patch))
            await store.set(editedKey(channel), now().toISOString());
          return next;
        },
        { busyDetail: BUSY },
      );
      for (const listener of listeners) listener();
      return updated;
    },
    async editedAt(channel) {
      const at = await store.get<string>(editedKey(channel));
      return at ? new Date(at) : undefined;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
