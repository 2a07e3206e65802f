// Fires each channel's digest at its local time: node-cron tasks per channel, a sweep, catch-up on start.
import cron, { type ScheduledTask } from "node-cron";
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Logger } from "../logger.ts";
import { dueDigests } from "./digest-due.ts";
import { createDigestLedger } from "./digest-ledger.ts";
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

const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 60 * 60_000;

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
 * Creates the scheduler. Exactly-once does not depend on it: every run goes through `runDigest`'s lock
 * and ledger, so two instances ticking at the same minute post once, and a tick after a restart posts nothing twice.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { deps } = options;
  const logger = options.logger ?? deps.logger;
  const now = options.now ?? (() => new Date());
  const graceMs = (options.graceHours ?? 6) * 3_600_000;
  const ledger = createDigestLedger(deps.store, deps.team ?? "T_DEFAULT");
  const tasks = new Map<string, { task: ScheduledTask; expression: string; timezone: string }>();
  // Runs in flight in this process, so overlapping ticks (cron + sweep) don't queue the same run twice.
  const inFlight = new Map<string, Promise<DigestRun>>();
  let sweepTask: ScheduledTask | undefined;
  let unsubscribe: (() => void) | undefined;
  let running = false;

  async function tick(at = now(), only?: readonly string[]): Promise<TickResult> {
    let configs: ChannelConfig[];
    try {
      configs = await deps.settings.list();
    } catch (error) {
      logger.error({ err: error }, "digest tick could not read channel settings");
      return [];
    }
    const runs: Promise<DigestRun>[] = [];
    for (const config of configs) {
      if (only && !only.includes(config.channel)) continue;
      const due = dueDigests(config, at, graceMs);
      if (due.length === 0) continue;
      const editedAt = await deps.settings.scheduleEditedAt(config.channel).catch(() => undefined);
      for (const { date, scheduledAt } of due) {
        // A time that had already passed when the schedule was edited starts counting tomorrow.
        if (editedAt && scheduledAt.getTime() < editedAt.getTime()) continue;
        runs.push(runOnce(config, date, at));
      }
    }
    const settled = await Promise.allSettled(runs);
    return settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  }

  function runOnce(config: ChannelConfig, date: string, at: Date): Promise<DigestRun> {
    const key = `${config.channel}|${date}`;
    const existing = inFlight.get(key);
    if (existing) return existing;
    const run = (async (): Promise<DigestRun> => {
      const entry = await ledger.get(config.channel, date);
      // A channel Slack keeps refusing is retried with growing pauses (5, 10, 20… up to 60 min), not every sweep.
      if (entry?.state === "failed" && entry.finishedAt) {
        const pause = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, entry.attempts - 1));
        if (at.getTime() < Date.parse(entry.finishedAt) + pause) {
          const error = `waiting to retry after: ${entry.error ?? "a failure"}`;
          return { channel: config.channel, date, status: "failed", paperIds: [], unreachable: [], error };
        }
      }
      if (entry?.state === "posted" || entry?.state === "skipped") {
        return {
          channel: config.channel,
          date,
          status: "already_posted",
          paperIds: entry.paperIds ?? [],
          unreachable: [],
        };
      }
      return runDigest({ deps, channel: config, date, now: at });
    })()
      .catch((error: unknown): DigestRun => {
        logger.error({ err: error, channel: config.channel, date }, "digest run crashed");
        return {
          channel: config.channel,
          date,
          status: "failed",
          paperIds: [],
          unreachable: [],
          error: String(error),
        };
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, run);
    return run;
  }

  async function reschedule(): Promise<void> {
    let configs: ChannelConfig[];
    try {
      configs = await deps.settings.list();
    } catch (error) {
      logger.error({ err: error }, "could not read channel settings to reschedule");
      return;
    }
    const wanted = new Map(
      configs.filter((config) => config.enabled).map((config) => [config.channel, config]),
    );
    for (const [channel, current] of tasks) {
      const config = wanted.get(channel);
      if (!config || cronExpression(config) !== current.expression || config.timezone !== current.timezone) {
        await current.task.destroy();
        tasks.delete(channel);
      }
    }
    if (!running) return;
    for (const [channel, config] of wanted) {
      if (tasks.has(channel)) continue;
      const expression = cronExpression(config);
      const task = cron.schedule(expression, () => tick(now(), [channel]), {
        timezone: config.timezone,
        name: `digest-${channel}`,
      });
      tasks.set(channel, { task, expression, timezone: config.timezone });
      logger.info({ channel, expression, timezone: config.timezone }, "digest scheduled");
    }
  }

  return {
    tick,
    reschedule,
    async start() {
      running = true;
      await reschedule();
      sweepTask = cron.schedule(
        options.sweep ?? "*/5 * * * *",
        async () => {
          await reschedule();
          await tick(now());
        },
        { timezone: "UTC", name: "digest-sweep" },
      );
      // Edits made here take effect at once; edits on other instances at their next sweep.
      unsubscribe = deps.settings.onChange(() => {
        void reschedule();
      });
      return tick(now());
    },
    async stop() {
      running = false;
      unsubscribe?.();
      await sweepTask?.destroy();
      for (const { task } of tasks.values()) await task.destroy();
      tasks.clear();
    },
    tasks: () =>
      [...tasks.entries()].map(([channel, { expression, timezone }]) => ({ channel, expression, timezone })),
  };
}
