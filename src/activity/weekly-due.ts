// When a channel's weekly roundup is due: the instant of its day and time in a week, what is due now, the next one.
import type { DueOccurrence } from "../digest/period-scheduler.ts";
import { addDays, localParts, zonedInstant } from "../digest/zoned-time.ts";
import { dayInWeekOf, isoWeekOf } from "./iso-week.ts";
import type { WeeklyConfig } from "./weekly-settings.ts";

type Schedule = Pick<WeeklyConfig, "day" | "time" | "timezone">;

/** The roundup of the ISO week holding `date`: its week key and the instant it is scheduled for. */
function occurrence(config: Schedule, date: string): DueOccurrence {
  const day = dayInWeekOf(date, config.day);
  return { period: isoWeekOf(day), scheduledAt: zonedInstant(day, config.time, config.timezone) };
}

/**
 * The roundups of `config` whose time passed at `now` less than `graceMs` ago: this week's, and last
 * week's (a Sunday 23:30 roundup missed by a restart at Monday 00:10 is still caught up, for its own week).
 */
export function dueRoundups(config: WeeklyConfig, now: Date, graceMs: number): DueOccurrence[] {
  if (!config.enabled) return [];
  const today = localParts(now, config.timezone).date;
  return [occurrence(config, addDays(today, -7)), occurrence(config, today)].filter((due) => {
    const late = now.getTime() - due.scheduledAt.getTime();
    return late >= 0 && late < graceMs;
  });
}

/** The next roundup strictly after `now`. */
export function nextRoundup(config: Schedule, now: Date): DueOccurrence {
  const today = localParts(now, config.timezone).date;
  const thisWeek = occurrence(config, today);
  return thisWeek.scheduledAt.getTime() > now.getTime() ? thisWeek : occurrence(config, addDays(today, 7));
}

/** node-cron's expression for the roundup's day and time (in the channel's time zone). */
export function weeklyCronExpression(config: Schedule): string {
  const [hour, minute] = config.time.split(":").map(Number);
  const days = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
  return `${minute} ${hour} * * ${days[config.day]}`;
}
