// Fires each channel's digest at its local time: node-cron tasks per channel, a sweep, catch-up on start.
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Logger } from "../logger.ts";
import { dueDigests } from "./digest-due.ts";
import { createDigestLedger } from "./digest-ledger.ts";
import { createPeriodScheduler } from "./period-scheduler.ts";
import { type DigestDeps, type DigestRun, runDigest } from "./run-digest.ts";

export interface DigestSchedulerOptions {
  deps: DigestDeps;
  /** The clock; tests inject one. Default `() => new Date()`. */
  now?: () => Date;
  /** A digest whose time passed less than this long ago (and that has no ledger entry) is still posted. Default 6. */
  graceHours?: number;
  /**
   * Cron expression (UTC) of the sweep that re-reads settings (edits made on other instances), retries
   * failed channels and covers anything a per-channel task missed. Default every 5 minutes.
   */
  sweep?: string;
  logger?: Logger;
}

/** What one tick did, per channel and date that was due. */
export type TickResult = DigestRun[];

export interface DigestScheduler {
  /**
   * Decides what is due at `now` and runs it: every enabled channel whose local time passed today (or
   * yesterday) less than the grace window ago and that has no finished ledger entry. Due channels run
   * concurrently and independently: one failing does not stop or delay the others. Idempotent.
   */
  tick(now?: Date, channels?: readonly string[]): Promise<TickResult>;
  /** Schedules the cron tasks and runs the catch-up tick; resolves with what the catch-up did. */
  start(): Promise<TickResult>;
  /** Stops every task; in-flight runs finish on their own. */
  stop(): Promise<void>;
  /** Re-reads every channel's settings and replaces the tasks whose schedule changed. */
  reschedule(): Promise<void>;
  /** The cron task per channel: expression and time zone (for /metrics, doctor and tests). */
  tasks(): { channel: string; expression: string; timezone: string }[];
}

/** node-cron's day-of-week field for a `days` setting (0 = Sunday). */
export function cronDays(days: ChannelConfig["days"]): string {
  if (days === "daily") return "*";
  if (days === "weekdays") return "1-5";
  const numbers = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
  return days.map((day) => numbers[day]).join(",");
}

/** The cron expression firing at a channel's `HH:MM` on its days (in the channel's time zone). */
export function cronExpression(config: Pick<ChannelConfig, "time" | "days">): string {
  const [hour, minute] = config.time.split(":").map(Number);
  return `${minute} ${hour} * * ${cronDays(config.days)}`;
}

/**
 * Creates the digest's scheduler on the shared period scheduler. Exactly-once does not depend on it: every
 * run goes through `runDigest`'s lock and ledger, so two instances ticking at the same minute post once, and
 * a tick after a restart posts nothing twice.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { deps } = options;
  const ledger = createDigestLedger(deps.store, deps.team ?? "T_DEFAULT");
  return createPeriodScheduler<ChannelConfig, DigestRun>(
    {
      name: "digest",
      list: () => deps.settings.list(),
      due: (config, at, graceMs) =>
        dueDigests(config, at, graceMs).map(({ date, scheduledAt }) => ({ period: date, scheduledAt })),
      editedAt: (channel) => deps.settings.scheduleEditedAt(channel),
      entry: (channel, date) => ledger.get(channel, date),
      run: (config, date, at) => runDigest({ deps, channel: config, date, now: at }),
      report: (config, date, outcome) =>
        "done" in outcome
          ? {
              channel: config.channel,
              date,
              status: "already_posted",
              paperIds: outcome.done.paperIds ?? [],
              unreachable: [],
            }
          : {
              channel: config.channel,
              date,
              status: "failed",
              paperIds: [],
              unreachable: [],
              error: outcome.error,
            },
      cronExpression,
      onChange: (listener) => deps.settings.onChange(listener),
    },
    {
      logger: options.logger ?? deps.logger,
      ...(options.now ? { now: options.now } : {}),
      ...(options.graceHours !== undefined ? { graceHours: options.graceHours } : {}),
      ...(options.sweep ? { sweep: options.sweep } : {}),
    },
  );
}
