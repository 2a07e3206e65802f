// When a channel's digest is due: its scheduled instant on a local date, what is due now, and the next run.
import { type ChannelConfig, runsOn } from "../config/channel-config.ts";
import { addDays, localParts, weekdayOf, zonedInstant } from "./zoned-time.ts";

/** A channel's digest for one local date, and the instant it is scheduled for. */
export interface DueDigest {
  date: string;
  scheduledAt: Date;
}

/** The instant `config.time` falls on `date` in the channel's zone (DST gaps and repeats handled). */
export function scheduledInstant(config: Pick<ChannelConfig, "time" | "timezone">, date: string): Date {
  return zonedInstant(date, config.time, config.timezone);
}

/**
 * The digests of `config` whose scheduled time has passed at `now` by less than `graceMs`, oldest first.
 * Yesterday is looked at too: a 23:30 digest missed by a restart at 00:10 is still caught up, with
 * yesterday's date. Disabled channels and days the schedule skips are never due.
 */
export function dueDigests(config: ChannelConfig, now: Date, graceMs: number): DueDigest[] {
  if (!config.enabled) return [];
  const today = localParts(now, config.timezone).date;
  const due: DueDigest[] = [];
  for (const date of [addDays(today, -1), today]) {
    if (!runsOn(config.days, weekdayOf(date))) continue;
    const scheduledAt = scheduledInstant(config, date);
    const late = now.getTime() - scheduledAt.getTime();
    if (late >= 0 && late < graceMs) due.push({ date, scheduledAt });
  }
  return due;
}

/** The next digest strictly after `now`, or undefined when the channel is off. */
export function nextDigest(config: ChannelConfig, now: Date): DueDigest | undefined {
  if (!config.enabled) return undefined;
  const today = localParts(now, config.timezone).date;
  for (let offset = 0; offset <= 8; offset++) {
    const date = addDays(today, offset);
    if (!runsOn(config.days, weekdayOf(date))) continue;
    const scheduledAt = scheduledInstant(config, date);
    if (scheduledAt.getTime() > now.getTime()) return { date, scheduledAt };
  }
  return undefined;
}
