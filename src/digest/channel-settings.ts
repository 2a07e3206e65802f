// Each channel's digest settings: the config file's, overridden field by field by edits made in Slack.
import type { ZodError } from "zod";
import { type ChannelConfig, channelConfigSchema } from "../config/channel-config.ts";
import { PaperboyError } from "../errors.ts";
import type { StateStore } from "../state/state-store.ts";

/** The fields a Slack edit can set; stored per channel and applied over the file's values. */
export type SettingsPatch = Partial<Omit<ChannelConfig, "channel">>;

/** Where a channel's settings come from: the config file, Slack edits, or defaults. */
export interface ChannelSettingsView {
  config: ChannelConfig;
  /** Fields whose value was set in Slack (they win over the file). */
  fromSlack: (keyof SettingsPatch)[];
  inFile: boolean;
}

export type SettingsListener = (config: ChannelConfig) => void;

export interface ChannelSettings {
  /** The effective settings, or undefined for a channel neither the file nor Slack has configured. */
  get(channel: string): Promise<ChannelConfig | undefined>;
  /** The effective settings and where they come from; an unconfigured channel gets the defaults (off). */
  view(channel: string): Promise<ChannelSettingsView>;
  /** Every configured channel (file or Slack), enabled or not, read fresh from the store. */
  list(): Promise<ChannelConfig[]>;
  /**
   * Applies a Slack edit: validated against the same schema as the file (throws `bad_input` naming the
   * field and the fix), stored so it survives restarts and reaches other instances, then announced to
   * `onChange` listeners (the scheduler reschedules).
   */
  update(channel: string, patch: SettingsPatch): Promise<ChannelConfig>;
  /**
   * When the schedule (time, zone, days, on/off) was last edited in Slack. An occurrence scheduled before
   * that is not caught up: setting 09:00 at 10:00 means "from tomorrow", not "post now".
   */
  scheduleEditedAt(channel: string): Promise<Date | undefined>;
  /** Subscribes to edits made through this instance; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
}

export interface ChannelSettingsOptions {
  store: StateStore;
  /** `digest.channels` from the config file. */
  fileChannels: readonly ChannelConfig[];
  /** Time zone for channels first configured from Slack without one. Default UTC. */
  defaultTimezone?: string;
  /** The clock that stamps schedule edits. Default `() => new Date()`. */
  now?: () => Date;
}

const overrideKey = (channel: string) => `digest:settings:${channel}`;
const editedKey = (channel: string) => `digest:settings-edited:${channel}`;
const CHANNELS_KEY = "digest:settings:channels";
const SCHEDULE_FIELDS = ["time", "timezone", "days", "enabled"] as const;

/** What `/papers schedule` etc. tell the user to type for each field. */
const FIELD_FIX: Record<string, string> = {
  time: "`/papers schedule 09:00`",
  timezone: "`/papers schedule Europe/Berlin`",
  days: "`/papers schedule weekdays` (or `daily`, or `mon,wed,fri`)",
  topics: "`/papers topics set diffusion, rlhf` (up to 50 topics of up to 100 characters)",
  exclude: "`/papers exclude set medical` (up to 50 words of up to 100 characters)",
  maxPapers: "a number from 1 to 20",
  sources: '`"hf"` or `"arxiv:cs.LG"` in the config file',
};

/** Creates the settings service over the state store and the file's channels. */
export function createChannelSettings(options: ChannelSettingsOptions): ChannelSettings {
  const { store } = options;
  const fileByChannel = new Map(options.fileChannels.map((config) => [config.channel, config]));
  const listeners = new Set<SettingsListener>();
  // Edits to one channel are applied one after another in this process (read-modify-write on one key).
  const queues = new Map<string, Promise<unknown>>();

  const defaults = (channel: string): ChannelConfig =>
    channelConfigSchema.parse({
      channel,
      time: "09:00",
      timezone: options.defaultTimezone ?? "UTC",
      enabled: false,
    });

  async function view(channel: string): Promise<ChannelSettingsView> {
    const file = fileByChannel.get(channel);
    const patch = (await store.get<SettingsPatch>(overrideKey(channel))) ?? {};
    const base = file ?? defaults(channel);
    if (Object.keys(patch).length === 0) return { config: base, fromSlack: [], inFile: file !== undefined };
    const merged = channelConfigSchema.safeParse({ ...base, ...patch, channel });
    // A stored edit that no longer validates (the schema changed) is ignored rather than breaking the channel.
    const config = merged.success ? merged.data : base;
    return { config, fromSlack: Object.keys(patch) as (keyof SettingsPatch)[], inFile: file !== undefined };
  }

  async function get(channel: string): Promise<ChannelConfig | undefined> {
    const result = await view(channel);
    return result.inFile || result.fromSlack.length > 0 ? result.config : undefined;
  }

  async function applyUpdate(channel: string, patch: SettingsPatch): Promise<ChannelConfig> {
    const current = await view(channel);
    const stored = (await store.get<SettingsPatch>(overrideKey(channel))) ?? {};
    const nextPatch = { ...stored, ...patch };
    const parsed = channelConfigSchema.safeParse({ ...current.config, ...nextPatch, channel });
    if (!parsed.success) throw new PaperboyError("bad_input", describeIssues(parsed.error.issues));
    await store.set(overrideKey(channel), nextPatch);
    if (SCHEDULE_FIELDS.some((field) => field in patch))
      await store.set(editedKey(channel), (options.now?.() ?? new Date()).toISOString());
    const known = (await store.get<string[]>(CHANNELS_KEY)) ?? [];
    if (!known.includes(channel)) await store.set(CHANNELS_KEY, [...known, channel]);
    for (const listener of listeners) listener(parsed.data);
    return parsed.data;
  }

  return {
    get,
    view,
    async list() {
      const fromSlack = (await store.get<string[]>(CHANNELS_KEY)) ?? [];
      const channels = [...new Set([...fileByChannel.keys(), ...fromSlack])];
      const configs = await Promise.all(channels.map((channel) => get(channel)));
      return configs.filter((config): config is ChannelConfig => config !== undefined);
    },
    async scheduleEditedAt(channel) {
      const at = await store.get<string>(editedKey(channel));
      return at ? new Date(at) : undefined;
    },
    update(channel, patch) {
      const previous = queues.get(channel) ?? Promise.resolve();
      const next = previous.catch(() => {}).then(() => applyUpdate(channel, patch));
      queues.set(channel, next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One line per problem, naming the field and what to type instead. */
export function describeIssues(issues: ZodError["issues"]): string {
  return issues
    .map((issue) => {
      const field = String(issue.path[0] ?? "settings");
      const fix = FIELD_FIX[field];
      return `\`${field}\`: ${issue.message}${fix ? ` — try ${fix}` : ""}.`;
    })
    .join("\n");
}
