// ISO weeks of calendar dates ("2026-W14", Monday to Sunday), the period key of the activity ledger and the roundup.
import type { Weekday } from "../config/channel-config.ts";
import { addDays, localParts } from "../digest/zoned-time.ts";

const DAY_INDEX: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

function utcDate(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = (utcDate(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

/** The ISO week (`YYYY-Www`) of a calendar date: its year is the year of the week's Thursday. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = Math.round((utcDate(thursday).getTime() - utcDate(firstThursday).getTime()) / 604_800_000) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week `instant` falls in, on the wall clock of `timeZone`. */
export function isoWeekAt(instant: Date, timeZone: string): string {
  return isoWeekOf(localParts(instant, timeZone).date);
}

/** The Monday and Sunday of an ISO week (`2026-W14` → 2026-03-30, 2026-04-05). */
export function weekRange(week: string): { monday: string; sunday: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const monday = addDays(mondayOf(`${match[1]}-01-04`), (Number(match[2]) - 1) * 7);
  return { monday, sunday: addDays(monday, 6) };
}

/** The date of `day` in the ISO week holding `date`. */
export function dayInWeekOf(date: string, day: Weekday): string {
  return addDays(mondayOf(date), DAY_INDEX[day]);
}
