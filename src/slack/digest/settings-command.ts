// `/papers schedule|topics|exclude|digest on|off|settings`: parses the command, has the core apply it, and says what happened.
import { type ChannelConfig, WEEKDAYS, type Weekday } from "../../config/channel-config.ts";
import {
  applySettingsChange,
  type SettingsChange,
  type SettingsOutcome,
} from "../../digest/apply-settings.ts";
import type { ChannelSettings, SettingsPatch } from "../../digest/channel-settings.ts";
import type { ExclusionsToday } from "../../digest/exclusions-today.ts";
import { canonicalTimeZone } from "../../digest/zoned-time.ts";
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
  let change: SettingsChange = request;
  if (request.kind === "schedule") {
    if (!request.args.trim()) change = { kind: "schedule" };
    else {
      const parsed = parseScheduleArgs(request.args);
      if ("error" in parsed) return reply(`${parsed.error}\n${SCHEDULE_USAGE}`);
      change = { kind: "schedule", patch: parsed.patch };
    }
  }
  const outcome = await applySettingsChange({
    settings,
    channel,
    change,
    ...(args.exclusionsToday ? { exclusionsToday: args.exclusionsToday } : {}),
  });
  return reply(describeOutcome(outcome, now));
}

/** The reply's mrkdwn for what applying a request did. */
function describeOutcome(outcome: SettingsOutcome, now: Date): string {
  switch (outcome.kind) {
    case "settings": {
      const { view, exclusionsToday } = outcome;
      return describeSettings(view.config, {
        now,
        fromSlack: view.fromSlack,
        configured: view.inFile || view.fromSlack.length > 0,
        ...(exclusionsToday ? { exclusionsToday } : {}),
      });
    }
    case "schedule_shown":
      return `${describeSettings(outcome.config, { now, only: "schedule" })}\n${SCHEDULE_USAGE}`;
    case "schedule_saved": {
      const turnedOn = outcome.turnedOn ? " The digest is now *on* in this channel." : "";
      return `Schedule saved.${turnedOn}\n${describeSettings(outcome.config, { now, only: "schedule" })}`;
    }
    case "list": {
      const note = outcome.missing.length > 0 ? ` (not in the list: ${quoteAll(outcome.missing)})` : "";
      return `${listLine(outcome.field, outcome.items)}${note}`;
    }
    case "list_needs_words": {
      const example = outcome.action === "set" ? "diffusion, rlhf" : "diffusion";
      return `Say what to ${outcome.action}, e.g. \`/papers ${outcome.field} ${outcome.action} ${example}\`.`;
    }
    case "fill":
      return `${describeFill(outcome.config.fill)}\nChange with \`/papers digest fill popular\` or \`/papers digest fill none\`.`;
    case "enabled":
      return outcome.config.enabled
        ? `The digest is *on*.\n${describeSettings(outcome.config, { now, only: "schedule" })}`
        : "The digest is *off* in this channel; turn it back on with `/papers digest on`.";
    case "refused":
      return outcome.reason;
  }
}

function listLine(field: "topics" | "exclude", items: readonly string[]): string {
  if (items.length === 0) {
    return field === "topics"
      ? "Topics: none — the digest is ranked by Hugging Face upvotes. Add some with `/papers topics add diffusion`."
      : "Excluded words: none. Hide papers mentioning a word with `/papers exclude add medical`.";
  }
  return `${field === "topics" ? "Topics" : "Excluded words"}: ${quoteAll(items)}`;
}

function quoteAll(items: readonly string[]): string {
  return items.map((item) => `*${escapeText(item, { singleLine: true, maxLength: 100 })}*`).join(", ");
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
