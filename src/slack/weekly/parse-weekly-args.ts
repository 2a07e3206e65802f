// Parses the text after `/papers weekly`: on [day] [HH:MM] [time zone], off, quiet note|skip, preview.
import type { QuietWeek } from "../../activity/weekly-settings.ts";
import type { Weekday } from "../../config/channel-config.ts";
import { canonicalTimeZone } from "../../digest/zoned-time.ts";

export type WeeklyRequest =
  | { action: "show" }
  | { action: "on"; day?: Weekday; time?: string; timezone?: string }
  | { action: "off" }
  | { action: "quiet"; quiet: QuietWeek }
  | { action: "preview" }
  | { action: "invalid"; reason: string };

const DAYS: Record<string, Weekday> = {
  mon: "mon",
  monday: "mon",
  tue: "tue",
  tues: "tue",
  tuesday: "tue",
  wed: "wed",
  wednesday: "wed",
  thu: "thu",
  thur: "thu",
  thurs: "thu",
  thursday: "thu",
  fri: "fri",
  friday: "fri",
  sat: "sat",
  saturday: "sat",
  sun: "sun",
  sunday: "sun",
};

export const WEEKLY_USAGE =
  "Use `/papers weekly on fri 16:00` (a day, a 24-hour time and optionally a time zone like `Europe/Berlin`), `/papers weekly off`, `/papers weekly quiet note|skip` or `/papers weekly preview`.";

/** Never throws: anything it cannot read becomes `invalid` with what to type instead. */
export function parseWeeklyArgs(text: string): WeeklyRequest {
  const [head = "", ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const action = head.toLowerCase();
  if (action === "") return { action: "show" };
  if (action === "off" && rest.length === 0) return { action: "off" };
  if (action === "preview" && rest.length === 0) return { action: "preview" };
  if (action === "quiet") {
    const quiet = rest.join(" ").toLowerCase();
    if (quiet === "note" || quiet === "skip") return { action: "quiet", quiet };
    return {
      action: "invalid",
      reason:
        "Say what a quiet week posts: `/papers weekly quiet note` (a one-line note) or `/papers weekly quiet skip` (nothing).",
    };
  }
  if (action !== "on") return { action: "invalid", reason: WEEKLY_USAGE };
  const request: Extract<WeeklyRequest, { action: "on" }> = { action: "on" };
  for (const word of rest) {
    const day = DAYS[word.toLowerCase().replace(/[.,]$/, "")];
    const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(word);
    if (day && !request.day) request.day = day;
    else if (time && !request.time) request.time = `${time[1]?.padStart(2, "0")}:${time[2]}`;
    else if (!request.timezone && /[A-Za-z]/.test(word) && canonicalTimeZone(word)) {
      request.timezone = canonicalTimeZone(word);
    } else {
      const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
      return {
        action: "invalid",
        reason: `“${shown}” is not a day, a 24-hour time or a time zone. ${WEEKLY_USAGE}`,
      };
    }
  }
  return request;
}
