// Each channel's digest settings: the config file's, overridden field by field by edits made in Slack.
import type { ZodError } from "zod";
import { type ChannelConfig, channelConfigSchema } from "../config/channel-config.ts";
import { PaperboyError } from "../errors.ts";
import { runLocked } from "../state/run-locked.ts";
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

/** A Slack edit: the fields to set, or a function computing them from the current settings. */
export type SettingsEdit = SettingsPatch | ((current: ChannelConfig) => SettingsPatch);

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
   * `onChange` listeners (the scheduler reschedules). Edits of one channel are applied one at a time
   * across every instance sharing the store, so none is lost; an edit derived from the current settings
   * (add a topic) must be given as a function, which runs on the settings as they are under that lock.
   * Throws `busy` when another instance holds the channel for longer than a few seconds.
   */
  update(channel: string, edit: SettingsEdit): Promise<ChannelConfig>;
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
  /** The Slack team (workspace) of this deployment, from `auth.test`; scopes every key. Default "T_DEFAULT". */
  team?: string;
  /** Time zone for channels first configured from Slack without one. Default UTC. */
  defaultTimezone?: string;
  /** The clock that stamps schedule edits. Default `() => new Date()`. */
  now?: () => Date;
  /** How long an edit waits for another instance's edit of the same channel before giving up. Default 5 s. */
  lockWaitMs?: number;
}

/**
 * Keys are scoped by team. Channel ids are unique in practice, but a Slack Connect or Enterprise Grid
 * channel is one id seen from several workspaces, and deployments for different workspaces may share a
 * store: unscoped, they would edit each other's settings and schedule each other's channels.
 */
function settingsKeys(team: string) {
  return {
    patch: (channel: string) => `digest:settings:${team}:${channel}`,
    edited: (channel: string) => `digest:settings-edited:${team}:${channel}`,
    channels: `digest:settings-channels:${team}`,
    lock: (channel: string) => `digest:settings-lock:${team}:${channel}`,
    channelsLock: `digest:settings-channels-lock:${team}`,
  };
}

/**
 * The layout before team scoping. Still read when a team's key is absent, so settings made then are kept;
 * the first edit of a channel copies its old patch into the team's key (the old keys are left in place).
 */
const LEGACY_KEYS = {
  patch: (channel: string) => `digest:settings:${channel}`,
  edited: (channel: string) => `digest:settings-edited:${channel}`,
  channels: "digest:settings:channels",
};

/**
 * The teams whose settings were edited in Slack, across the whole store, so a tool without a Slack token
 * (`paperboy digest --dry-run`) can tell whose settings there are. Not scoped by team, by design.
 */
const TEAMS_KEYS = { teams: "digest:settings-teams", lock: "digest:settings-teams-lock" };

/** The teams (workspaces) with settings edited in Slack on this store, in the order they first edited. */
export async function listSettingsTeams(store: StateStore): Promise<string[]> {
  return (await store.get<string[]>(TEAMS_KEYS.teams)) ?? [];
}

const SCHEDULE_FIELDS = ["time", "timezone", "days", "enabled"] as const;
const BUSY_DETAIL =
  "Someone else is changing this channel's digest settings at this moment, so nothing was changed. Try again in a few seconds.";

/** What `/papers schedule` etc. tell the user to type for each field. */
const FIELD_FIX: Record<string, string> = {
  time: "`/papers schedule 09:00`",
  timezone: "`/papers schedule Europe/Berlin`",
  days: "`/papers schedule weekdays` (or `daily`, or `mon,wed,fri`)",
  topics: "`/papers topics set diffusion, rlhf` (up to 50 topics of up to 100 characters)",
  exclude: "`/papers exclude set medical` (up to 50 words of up to 100 characters)",
  maxPapers: "a number from 1 to 20",
  fill: "`/papers digest fill popular` or `/papers digest fill none`",
  follow: '`/papers unfollow "Jane Doe"` (up to 50 authors of up to 100 characters)',
  repeats: "`/papers digest repeats never` or `/papers digest repeats new-versions`",
  sources: '`"hf"` or `"arxiv:cs.LG"` in the config file',
};

/** Creates the settings service over the state store and the file's channels. */
export function createChannelSettings(options: ChannelSettingsOptions): ChannelSettings {
  const { store } = options;
  const team = options.team ?? "T_DEFAULT";
  const keys = settingsKeys(team);
  const lockOptions = {
    busyDetail: BUSY_DETAIL,
    ...(options.lockWaitMs ? { waitMs: options.lockWaitMs } : {}),
  };
  const fileByChannel = new Map(options.fileChannels.map((config) => [config.channel, config]));
  const listeners = new Set<SettingsListener>();

  const defaults = (channel: string): ChannelConfig =>
    channelConfigSchema().parse({
      channel,
      time: "09:00",
      timezone: options.defaultTimezone ?? "UTC",
      enabled: false,
    });

  async function storedPatch(channel: string): Promise<SettingsPatch> {
    return (
      (await store.get<SettingsPatch>(keys.patch(channel))) ??
      (await store.get<SettingsPatch>(LEGACY_KEYS.patch(channel))) ??
      {}
    );
  }

  /** The effective settings of `channel` given its stored Slack edits. */
  function viewWith(channel: string, patch: SettingsPatch): ChannelSettingsView {
    const file = fileByChannel.get(channel);
    const base = file ?? defaults(channel);
    if (Object.keys(patch).length === 0) return { config: base, fromSlack: [], inFile: file !== undefined };
    const merged = channelConfigSchema().safeParse({ ...base, ...patch, channel });
    // A stored edit that no longer validates (the schema changed) is ignored rather than breaking the channel.
    const config = merged.success ? merged.data : base;
    return { config, fromSlack: Object.keys(patch) as (keyof SettingsPatch)[], inFile: file !== undefined };
  }

  async function view(channel: string): Promise<ChannelSettingsView> {
    return viewWith(channel, await storedPatch(channel));
  }

  async function get(channel: string): Promise<ChannelConfig | undefined> {
    const result = await view(channel);
    return result.inFile || result.fromSlack.length > 0 ? result.config : undefined;
  }

  /** Adds `item` to the list stored at `listKey` unless it is there (a read-modify-write, under `lockKey`). */
  async function addToList(listKey: string, lockKey: string, item: string): Promise<void> {
    const listed = async () => (await store.get<string[]>(listKey)) ?? [];
    if ((await listed()).includes(item)) return;
    await runLocked(
      store,
      lockKey,
      async () => {
        const known = await listed();
        if (!known.includes(item)) await store.set(listKey, [...known, item]);
      },
      lockOptions,
    );
  }

  async function applyUpdate(channel: string, edit: SettingsEdit): Promise<ChannelConfig> {
    const applied = await runLocked(
      store,
      keys.lock(channel),
      async () => {
        // Read under the lock: what another instance saved a moment ago is part of what we build on.
        const stored = await storedPatch(channel);
        const current = viewWith(channel, stored);
        const patch = typeof edit === "function" ? edit(current.config) : edit;
        const nextPatch = { ...stored, ...patch };
        const parsed = channelConfigSchema().safeParse({ ...current.config, ...nextPatch, channel });
        if (!parsed.success) throw new PaperboyError("bad_input", describeIssues(parsed.error.issues));
        // Listed (channel and team) before the patch is written: a listing without a patch is harmless,
        // the reverse would be an edit the scheduler, or the CLI without a token, never sees.
        await addToList(keys.channels, keys.channelsLock, channel);
        // On every edit, not only a channel's first, so a store edited before the list existed joins it.
        await addToList(TEAMS_KEYS.teams, TEAMS_KEYS.lock, team);
        await store.set(keys.patch(channel), nextPatch);
        if (SCHEDULE_FIELDS.some((field) => field in patch))
          await store.set(keys.edited(channel), (options.now?.() ?? new Date()).toISOString());
        return parsed.data;
      },
      lockOptions,
    );
    for (const listener of listeners) listener(applied);
    return applied;
  }

  return {
    get,
    view,
    async list() {
      const [fromSlack, legacy] = await Promise.all([
        store.get<string[]>(keys.channels),
        store.get<string[]>(LEGACY_KEYS.channels),
      ]);
      const channels = [...new Set([...fileByChannel.keys(), ...(fromSlack ?? []), ...(legacy ?? [])])];
      const configs = await Promise.all(channels.map((channel) => get(channel)));
      return configs.filter((config): config is ChannelConfig => config !== undefined);
    },
    async scheduleEditedAt(channel) {
      const at =
        (await store.get<string>(keys.edited(channel))) ??
        (await store.get<string>(LEGACY_KEYS.edited(channel)));
      return at ? new Date(at) : undefined;
    },
    update: applyUpdate,
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
