// Fires each channel's weekly roundup at its day and time, on the digest's period scheduler (cron, sweep, catch-up).
import { createPeriodScheduler, type PeriodScheduler } from "../digest/period-scheduler.ts";
import { type RoundupDeps, type RoundupRun, roundupLedger, runRoundup } from "./run-roundup.ts";
import { dueRoundups, weeklyCronExpression } from "./weekly-due.ts";
import type { WeeklyConfig } from "./weekly-settings.ts";

export interface WeeklySchedulerOptions {
  deps: RoundupDeps;
  now?: () => Date;
  /** A roundup whose time passed less than this long ago (and is not done) is still posted. Default 12. */
  graceHours?: number;
  sweep?: string;
}

/** The roundup scheduler: exactly-once comes from `runRoundup`'s lock and ledger, as for the digest. */
export function createWeeklyScheduler(options: WeeklySchedulerOptions): PeriodScheduler<RoundupRun> {
  const { deps } = options;
  const ledger = roundupLedger(deps.store, deps.team);
  return createPeriodScheduler<WeeklyConfig, RoundupRun>(
    {
      name: "weekly",
      list: () => deps.settings.list(),
      due: dueRoundups,
      editedAt: (channel) => deps.settings.editedAt(channel),
      entry: (channel, week) => ledger.get(channel, week),
      run: (config, week, at) => runRoundup({ deps, config, week, now: at }),
      report: (config, week, outcome) =>
        "done" in outcome
          ? {
              channel: config.channel,
              week,
              status: "already_posted",
              paperIds: outcome.done.paperIds ?? [],
              ...(outcome.done.ts ? { ts: outcome.done.ts } : {}),
            }
          : { channel: config.channel, week, status: "failed", paperIds: [], error: outcome.error },
      cronExpression: weeklyCronExpression,
      onChange: (listener) => deps.settings.onChange(listener),
    },
    {
      logger: deps.logger,
      graceHours: options.graceHours ?? 12,
      ...(options.now ? { now: options.now } : {}),
      ...(options.sweep ? { sweep: options.sweep } : {}),
    },
  );
}
