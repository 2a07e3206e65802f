// Applies a parsed settings request to a channel's digest settings and returns what happened, as plain data.
import type { ChannelConfig } from "../config/channel-config.ts";
import { isPaperboyError } from "../errors.ts";
import type { ChannelSettings, ChannelSettingsView, SettingsPatch } from "./channel-settings.ts";
import type { ExclusionsToday } from "./exclusions-today.ts";

export type ListField = "topics" | "exclude";
export type ListAction = "add" | "remove" | "set" | "clear" | "list";

/** A settings request, already parsed from whatever the user typed. */
export type SettingsChange =
  | { kind: "settings" }
  /** Without a patch: show the schedule. A patch turns the digest on unless it says `enabled: false`. */
  | { kind: "schedule"; patch?: SettingsPatch }
  | { kind: ListField; action: ListAction; words: string[] }
  | { kind: "digest"; action: "on" | "off" }
  | { kind: "digest"; action: "fill"; fill: "popular" | "none" };

/** What applying a request did (or why it did nothing); the transport says it in words. */
export type SettingsOutcome =
  | { kind: "settings"; view: ChannelSettingsView; exclusionsToday?: ExclusionsToday }
  | { kind: "schedule_shown"; config: ChannelConfig }
  | { kind: "schedule_saved"; config: ChannelConfig; turnedOn: boolean }
  | { kind: "list"; field: ListField; items: string[]; missing: string[] }
  | { kind: "list_needs_words"; field: ListField; action: Exclude<ListAction, "clear" | "list"> }
  | { kind: "fill"; config: ChannelConfig }
  | { kind: "enabled"; config: ChannelConfig }
  /** Bad input or another instance editing the channel: `reason` says what to do. */
  | { kind: "refused"; reason: string };

/**
 * Applies `change` to `channel`. Never throws for bad input, nor when another instance is editing the same
 * channel (`refused`); storage failures propagate to the app's error sink.
 */
export async function applySettingsChange(args: {
  settings: ChannelSettings;
  channel: string;
  change: SettingsChange;
  /** For `settings`: how many of today's candidates the channel's exclusions remove, if known. */
  exclusionsToday?: (config: ChannelConfig) => Promise<ExclusionsToday | undefined>;
}): Promise<SettingsOutcome> {
  return refusingBadInput(() => apply(args.settings, args.channel, args.change, args.exclusionsToday));
}

/**
 * Runs a channel settings edit (digest settings, followed authors). Bad input, and another instance editing
 * the same channel, come back as `refused` with what to do; storage failures propagate.
 */
export async function refusingBadInput<Outcome>(
  edit: () => Promise<Outcome>,
): Promise<Outcome | { kind: "refused"; reason: string }> {
  try {
    return await edit();
  } catch (error) {
    if (isPaperboyError(error, "bad_input") || isPaperboyError(error, "busy"))
      return { kind: "refused", reason: error.detail ?? error.message };
    throw error;
  }
}

async function apply(
  settings: ChannelSettings,
  channel: string,
  change: SettingsChange,
  exclusionsToday: ((config: ChannelConfig) => Promise<ExclusionsToday | undefined>) | undefined,
): Promise<SettingsOutcome> {
  switch (change.kind) {
    case "settings": {
      const view = await settings.view(channel);
      const excluded = exclusionsToday ? await exclusionsToday(view.config) : undefined;
      return { kind: "settings", view, ...(excluded ? { exclusionsToday: excluded } : {}) };
    }
    case "schedule": {
      if (!change.patch) return { kind: "schedule_shown", config: (await settings.view(channel)).config };
      // Setting a schedule means "post here": it turns a channel's digest on unless the command says off.
      const patch: SettingsPatch = { enabled: true, ...change.patch };
      let wasEnabled = false;
      const config = await settings.update(channel, (current) => {
        wasEnabled = current.enabled;
        return patch;
      });
      return { kind: "schedule_saved", config, turnedOn: !wasEnabled && config.enabled };
    }
    case "topics":
    case "exclude":
      return applyListEdit(settings, channel, change);
    case "digest": {
      if (change.action === "fill") {
        return { kind: "fill", config: await settings.update(channel, { fill: change.fill }) };
      }
      return { kind: "enabled", config: await settings.update(channel, { enabled: change.action === "on" }) };
    }
  }
}

async function applyListEdit(
  settings: ChannelSettings,
  channel: string,
  change: Extract<SettingsChange, { kind: ListField }>,
): Promise<SettingsOutcome> {
  const field = change.kind;
  const { action, words } = change;
  if (action === "list") {
    return { kind: "list", field, items: (await settings.view(channel)).config[field], missing: [] };
  }
  if (action !== "clear" && words.length === 0) return { kind: "list_needs_words", field, action };
  let missing: string[] = [];
  // The new list is computed from the list as it is under the channel's lock, so a word someone adds at
  // the same moment through another instance is kept rather than overwritten.
  const updated = await settings.update(channel, (config) => {
    const edited = editList(config[field], action, words);
    missing = edited.missing;
    return { [field]: edited.next };
  });
  return { kind: "list", field, items: updated[field], missing };
}

/** A topics or exclude list after one edit, and the words a removal did not find. */
function editList(
  current: readonly string[],
  action: "clear" | "set" | "add" | "remove",
  words: readonly string[],
): { next: string[]; missing: string[] } {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  switch (action) {
    case "clear":
      return { next: [], missing: [] };
    case "set":
      return { next: dedupe(words), missing: [] };
    case "add":
      return { next: dedupe([...current, ...words]), missing: [] };
    case "remove": {
      // A topic stored split into words by an older paperboy (`reinforcement`, `learning`) is removed by
      // the words together (`remove reinforcement learning`), as people would expect.
      const remove = words.flatMap((word) => {
        if (current.some((item) => same(item, word))) return [word];
        const parts = word.split(/\s+/);
        return parts.length > 1 && parts.every((part) => current.some((item) => same(item, part)))
          ? parts
          : [];
      });
      return {
        next: current.filter((item) => !remove.some((word) => same(item, word))),
        missing: words.filter(
          (word) =>
            !current.some((item) => same(item, word)) && !word.split(/\s+/).every((p) => remove.includes(p)),
        ),
      };
    }
  }
}

function dedupe(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
