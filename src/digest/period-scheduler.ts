// Fires a once-per-period post per channel at its local time: node-cron per channel, a sweep, catch-up on start.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.ts";
import type { LedgerEntry } from "./digest-ledger.ts";
import { isFinished, waitingToRetry } from "./run-exactly-once.ts";

/** What the scheduler needs of a channel's schedule. */
export interface ScheduledChannel {
  channel: string;
  timezone: string;
  enabled: boolean;
}

/** One occurrence that is due: its period key (a date, an ISO week) and the instant it was scheduled for. */
export interface DueOccurrence {
  period: string;
  scheduledAt: Date;
}

/** What a scheduled job (the digest, the weekly roundup) tells the scheduler; `Run` is what a run returns. */
export interface PeriodJob<Config extends ScheduledChannel, Run> {
  /** Names the cron tasks and log lines ("digest", "weekly"). */
  name: string;
  /** Every configured channel, read fresh (edits on other instances included). */
  list(): Promise<Config[]>;
  /** The occurrences of `config` whose time passed at `at` less than `graceMs` ago. */
  due(config: Config, at: Date, graceMs: number): DueOccurrence[];
  /** When the channel's schedule was last edited: occurrences before it are not caught up. */
  editedAt(channel: string): Promise<Date | undefined>;
  /** The ledger entry of a channel's period. */
  entry(channel: string, period: string): Promise<LedgerEntry | undefined>;
  /** Runs the period through the exactly-once coordinator. */
  run(config: Config, period: string, at: Date): Promise<Run>;
  /** What a run reports without running: already done, or failed / waiting to retry with `error`. */
  report(config: Config, period: string, outcome: { done: LedgerEntry } | { error: string }): Run;
  /** The cron expression (in the channel's time zone) firing at the channel's times. */
  cronExpression(config: Config): string;
  /** Subscribes to schedule edits made through this instance. */
  onChange(listener: () => void): () => void;
}

export interface PeriodSchedulerOptions {
  now?: () => Date;
  /** An occurrence whose time passed less than this long ago (and is not done) is still posted. Default 6. */
  graceHours?: number;
  /** Cron expression (UTC) of the sweep: re-reads settings, retries failures, catches up. Default every 5 minutes. */
  sweep?: string;
  logger: Logger;
}

export interface PeriodScheduler<Run> {
  /** Runs every due occurrence at `now` (of `channels` only, when given), concurrently and independently. Idempotent. */
  tick(now?: Date, channels?: readonly string[]): Promise<Run[]>;
  /** Schedules the cron tasks and runs the catch-up tick; resolves with what the catch-up did. */
  start(): Promise<Run[]>;
  /** Stops every task; in-flight runs finish on their own. */
  stop(): Promise<void>;
  /** Re-reads every channel's settings and replaces the tasks whose schedule changed. */
  reschedule(): Promise<void>;
  /** The cron task per channel: expression and time zone (for /metrics, doctor and tests). */
  tasks(): { channel: string; expression: string; timezone: string }[];
}

/**
 * Creates the scheduler. Exactly-once does not depend on it: every run goes through the job's lock and
 * ledger, so two instances ticking at the same minute post once, and a tick after a restart posts nothing twice.
 */
export function createPeriodScheduler<Config extends ScheduledChannel, Run>(
  job: PeriodJob<Config, Run>,
  options: PeriodSchedulerOptions,
): PeriodScheduler<Run> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const graceMs = (options.graceHours ?? 6) * 3_600_000;
  const tasks = new Map<string, { task: ScheduledTask; expression: string; timezone: string }>();
  // Runs in flight in this process, so overlapping ticks (cron + sweep) don't queue the same run twice.
  const inFlight = new Map<string, Promise<Run>>();
  let sweepTask: ScheduledTask | undefined;
  let unsubscribe: (() => void) | undefined;
  let running = false;

  async function tick(at = now(), only?: readonly string[]): Promise<Run[]> {
    let configs: Config[];
    try {
      configs = await job.list();
    } catch (error) {
      logger.error({ err: error, job: job.name }, "scheduler tick could not read channel settings");
      return [];
    }
    const runs: Promise<Run>[] = [];
    for (const config of configs) {
      if (only && !only.includes(config.channel)) continue;
      const due = job.due(config, at, graceMs);
      if (due.length === 0) continue;
      const editedAt = await job.editedAt(config.channel).catch(() => undefined);
      for (const { period, scheduledAt } of due) {
        // A time that had already passed when the schedule was edited starts counting next time.
        if (editedAt && scheduledAt.getTime() < editedAt.getTime()) continue;
        runs.push(runOnce(config, period, at));
      }
    }
    const settled = await Promise.allSettled(runs);
    return settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  }

  function runOnce(config: Config, period: string, at: Date): Promise<Run> {
    const key = `${config.channel}|${period}`;
    const existing = inFlight.get(key);
    if (existing) return existing;
    const run = (async (): Promise<Run> => {
      const entry = await job.entry(config.channel, period);
      const waiting = waitingToRetry(entry, at);
      if (waiting) return job.report(config, period, { error: waiting });
      if (entry && isFinished(entry)) return job.report(config, period, { done: entry });
      return job.run(config, period, at);
    })()
      .catch((error: unknown): Run => {
        logger.error({ err: error, channel: config.channel, period, job: job.name }, "scheduled run crashed");
        return job.report(config, period, { error: String(error) });
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, run);
    return run;
  }

  async function reschedule(): Promise<void> {
    let configs: Config[];
    try {
      configs = await job.list();
    } catch (error) {
      logger.error({ err: error, job: job.name }, "could not read channel settings to reschedule");
      return;
    }
    const wanted = new Map(
      configs.filter((config) => config.enabled).map((config) => [config.channel, config]),
    );
    for (const [channel, current] of tasks) {
      const config = wanted.get(channel);
      if (
        !config ||
        job.cronExpression(config) !== current.expression ||
        config.timezone !== current.timezone
      ) {
        await current.task.destroy();
        tasks.delete(channel);
      }
    }
    if (!running) return;
    for (const [channel, config] of wanted) {
      if (tasks.has(channel)) continue;
      const expression = job.cronExpression(config);
      const task = cron.schedule(expression, () => tick(now(), [channel]), {
        timezone: config.timezone,
        name: `${job.name}-${channel}`,
      });
      tasks.set(channel, { task, expression, timezone: config.timezone });
      logger.info({ channel, expression, timezone: config.timezone, job: job.name }, "scheduled");
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
        { timezone: "UTC", name: `${job.name}-sweep` },
      );
      // Edits made here take effect at once; edits on other instances at their next sweep.
      unsubscribe = job.onChange(() => {
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
