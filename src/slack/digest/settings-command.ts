// `/papers schedule|topics|exclude|digest on|off|settings`: applies a parsed request to a channel's settings.
import { type ChannelConfig, WEEKDAYS, type Weekday } from "../../config/channel-config.ts";
import type { ChannelSettings, SettingsPatch } from "../../digest/channel-settings.ts";
import type { ExclusionsToday } from "../../digest/exclusions-today.ts";
import { canonicalTimeZone } from "../../digest/zoned-time.ts";
import { isPaperboyError } from "../../errors.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import type { PapersRequest } from "../commands/parse-papers-command.ts";
import { describeFill, describeSettings } from "./describe-settings.ts";

/** The requests this module answers (digest preview/now go to `handleDigestCommand`). */
export type SettingsRequest =
  | Extract<
      PapersRequest,
      { kind: "settings" } | { kind: "schedule" } | { kind: "topics" } | { kind: "exclude" }
    >
  | { kind: "digest"; action: "on" | "off" }
  | { kind: "digest"; action: "fill"; fill: "popular" | "none" };

const SCHEDULE_USAGE =
  "Use `/papers schedule 09:00 Europe/Berlin weekdays` — a 24-hour time, an IANA time zone, and `weekdays`, `daily` or days like `mon,wed,fri` (any of the three, in any order).";

/**
 * Applies a settings request to `channel` and says what changed (or what to fix). Never throws for bad
 * input, nor when another instance is editing the same channel (it says to try again); storage failures
 * propagate to the app's error sink. `now` is used to say when the next digest is due.
 */
export async function applySettingsCommand(args: {
  settings: ChannelSettings;
  channel: string;
  request: SettingsRequest;
  now?: Date;
  /** For `/papers settings`: how many of today's candidates the channel's exclusions remove, if known. */
  exclusionsToday?: (config: ChannelConfig) => Promise<ExclusionsToday | undefined>;
}): Promise<SlackMessage> {
  const { settings, channel, request } = args;
  const now = args.now ?? new Date();
  try {
    const text = await apply(settings, channel, request, now, args.exclusionsToday);
    return reply(text);
  } catch (error) {
    if (isPaperboyError(error, "bad_input") || isPaperboyError(error, "busy"))
      return reply(error.detail ?? error.message);
    throw error;
  }
}

async function apply(
  settings: ChannelSettings,
  channel: string,
  request: SettingsRequest,
  now: Date,
  exclusionsToday: ((config: ChannelConfig) => Promise<ExclusionsToday | undefined>) | undefined,
) {
  switch (request.kind) {
    case "settings": {
      const view = await settings.view(channel);
      const excluded = exclusionsToday ? await exclusionsToday(view.config) : undefined;
      return describeSettings(view.config, {
        now,
        fromSlack: view.fromSlack,
        configured: view.inFile || view.fromSlack.length > 0,
        ...(excluded ? { exclusionsToday: excluded } : {}),
      });
    }
    case "schedule": {
      if (!request.args.trim()) {
        const { config } = await settings.view(channel);
        return `${describeSettings(config, { now, only: "schedule" })}\n${SCHEDULE_USAGE}`;
      }
      const parsed = parseScheduleArgs(request.args);
      if ("error" in parsed) return `${parsed.error}\n${SCHEDULE_USAGE}`;
      // Setting a schedule means "post here": it turns a channel's digest on unless the command says off.
      const patch: SettingsPatch = { enabled: true, ...parsed.patch };
      let wasEnabled = false;
      const config = await settings.update(channel, (current) => {
        wasEnabled = current.enabled;
        return patch;
      });
      const turnedOn = !wasEnabled && config.enabled ? " The digest is now *on* in this channel." : "";
      return `Schedule saved.${turnedOn}\n${describeSettings(config, { now, only: "schedule" })}`;
    }
    case "topics":
    case "exclude":
      return applyListEdit(settings, channel, request);
    case "digest": {
      if (request.action === "fill") {
        const config = await settings.update(channel, { fill: request.fill });
        return `${describeFill(config.fill)}\nChange with \`/papers digest fill popular\` or \`/papers digest fill none\`.`;
      }
      const config = await settings.update(channel, { enabled: request.action === "on" });
      return config.enabled
        ? `The digest is *on*.\n${describeSettings(config, { now, only: "schedule" })}`
        : "The digest is *off* in this channel; turn it back on with `/papers digest on`.";
    }
  }
}

async function applyListEdit(
  settings: ChannelSettings,
  channel: string,
  request: Extract<SettingsRequest, { kind: "topics" | "exclude" }>,
): Promise<string> {
  const field = request.kind;
  const noun = field === "topics" ? "Topics" : "Excluded words";
  const { action, words } = request;
  if (action === "list") return listLine(noun, (await settings.view(channel)).config[field], field);
  if (action !== "clear" && words.length === 0) {
    const example = action === "set" ? "diffusion, rlhf" : "diffusion";
    return `Say what to ${action}, e.g. \`/papers ${field} ${action} ${example}\`.`;
  }
  let note = "";
  // The new list is computed from the list as it is under the channel's lock, so a word someone adds at
  // the same moment through another instance is kept rather than overwritten.
  const updated = await settings.update(channel, (config) => {
    const { next, missing } = editList(config[field], action, words);
    note = missing.length > 0 ? ` (not in the list: ${quoteAll(missing)})` : "";
    return { [field]: next };
  });
  return `${listLine(noun, updated[field], field)}${note}`;
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

function listLine(noun: string, items: readonly string[], field: "topics" | "exclude"): string {
  if (items.length === 0) {
    return field === "topics"
      ? "Topics: none — the digest is ranked by Hugging Face upvotes. Add some with `/papers topics add diffusion`."
      : "Excluded words: none. Hide papers mentioning a word with `/papers exclude add medical`.";
  }
  return `${noun}: ${quoteAll(items)}`;
}

function quoteAll(items: readonly string[]): string {
  return items.map((item) => `*${escapeText(item, { singleLine: true, maxLength: 100 })}*`).join(", ");
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

function reply(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3_000) } }] };
}

const DAY_NAMES: Record<string, Weekday> = Object.fromEntries(
  WEEKDAYS.flatMap((day) => {
    const long = {
      mon: "monday",
      tue: "tuesday",
      wed: "wednesday",
      thu: "thursday",
      fri: "friday",
      sat: "saturday",
      sun: "sunday",
    }[day];
    return [
      [day, day],
      [long, day],
      [long.slice(0, 4), day],
    ];
  }),
);

/**
 * Parses `/papers schedule` arguments: any of a time (`09:00`, `9:30`, `9am`, `6:15pm`), an IANA time zone
 * (`Europe/Berlin`, `utc`; case-insensitive), and days (`weekdays`, `daily`, `weekends`, `mon,wed,fri`),
 * in any order; `off`/`on` too. Only what is given changes.
 */
export function parseScheduleArgs(args: string): { patch: SettingsPatch } | { error: string } {
  const patch: SettingsPatch = {};
  const days: Weekday[] = [];
  const tokens = args
    .split(/[\s,]+/)
    .map((token) => token.trim())
    .filter(Boolean);
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const time = parseTime(lower);
    if (time) {
      patch.time = time;
    } else if (lower === "weekdays" || lower === "daily" || lower === "weekends" || lower === "everyday") {
      patch.days = lower === "weekends" ? ["sat", "sun"] : lower === "everyday" ? "daily" : lower;
    } else if (DAY_NAMES[lower]) {
      days.push(DAY_NAMES[lower]);
    } else if (lower === "on" || lower === "off") {
      patch.enabled = lower === "on";
    } else if (/^\d/.test(lower)) {
      return {
        error: `\`${escapeText(token)}\` is not a time: use 24-hour \`HH:MM\` like \`09:00\`, or \`9am\`.`,
      };
    } else {
      const zone = canonicalTimeZone(token);
      if (!zone) {
        return {
          error: `\`${escapeText(token, { maxLength: 60 })}\` is not a time zone or a day: use an IANA name like \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`,
        };
      }
      patch.timezone = zone;
    }
  }
  if (days.length > 0) patch.days = WEEKDAYS.filter((day) => days.includes(day));
  return { patch };
}

function parseTime(token: string): string | undefined {
  const match = token.match(/^(\d{1,2})(?::(\d{2}))?(am|pm)?$/);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (match[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3] === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
