// Wall-clock arithmetic in IANA time zones (local date/time of an instant, and back) without a date library.
import { LRUCache } from "lru-cache";
import type { Weekday } from "../config/channel-config.ts";
import { getOrInsert } from "../get-or-insert.ts";

/** An instant seen on a wall clock in some time zone. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
  weekday: Weekday;
}

// Keyed by the time zone as typed (Intl accepts any letter case): the 100 most recently used stay.
const formatters = new LRUCache<string, Intl.DateTimeFormat>({ max: 100 });

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return getOrInsert(
    formatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        weekday: "short",
      }),
  );
}

interface RawParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

function rawParts(instant: Date, timeZone: string): RawParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: (parts.weekday ?? "").toLowerCase().slice(0, 3),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local date, time and weekday of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const p = rawParts(instant, timeZone);
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
    weekday: p.weekday as Weekday,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Berlin in summer: +120). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = rawParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * On the day clocks go forward a time inside the gap (02:30 in Berlin on 2026-03-29) does not exist:
 * it maps to the same distance past the gap (03:30), which is when a cron job "at 02:30" is overdue.
 * On the day clocks go back a repeated time (01:30 in New York on 2026-11-01) maps to its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force a day either side; one of them reads back to the wall time unless it is in a gap.
  const candidates = new Set([
    offsetMinutes(new Date(wallAsUtc - 86_400_000), timeZone),
    offsetMinutes(new Date(wallAsUtc + 86_400_000), timeZone),
  ]);
  const matches: number[] = [];
  for (const offset of candidates) {
    const instant = wallAsUtc - offset * 60_000;
    const back = localParts(new Date(instant), timeZone);
    if (back.date === date && back.time === time) matches.push(instant);
  }
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: use the offset from before the change, which lands the same distance after the gap.
  const before = offsetMinutes(new Date(wallAsUtc - 86_400_000), timeZone);
  return new Date(wallAsUtc - before * 60_000);
}

/** `date` moved by `days` calendar days (`YYYY-MM-DD` in, `YYYY-MM-DD` out). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The weekday of a calendar date (independent of time zone). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const names: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  return names[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as Weekday;
}

const longDateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "Monday, 30 March 2026" — for headers and notes. */
export function longDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return longDateFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/** The canonical spelling of a time zone name (`europe/berlin` → `Europe/Berlin`), or undefined if unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
