// The one entry the transport calls when something happens to a paper: counts it, and never fails the caller.
import type { Logger } from "../logger.ts";
import type { ActivityKind, ActivityLedger } from "./activity-ledger.ts";

/** One thing done to a paper in a channel (now, for the deployment's team unless given). */
export interface ActivityInput {
  channel: string;
  paperId: string;
  kind: ActivityKind;
  team?: string;
  at?: Date;
}

export interface ActivityRecorder {
  /**
   * Counts one `kind` of activity on a paper in a channel.
   * Never throws: a store that is down costs the count, not the save or reply that caused it.
   */
  recordActivity(input: ActivityInput): Promise<void>;
  /** Takes one back (a removed reaction), never below zero. Never throws, as `recordActivity`. */
  retractActivity(input: ActivityInput): Promise<void>;
}

export function createActivityRecorder(options: {
  ledger: ActivityLedger;
  /** The deployment's team, which keys the counts the roundup reads. */
  team: string;
  now?: () => Date;
  logger: Logger;
}): ActivityRecorder {
  const now = options.now ?? (() => new Date());
  const counted =
    (write: ActivityLedger["recordActivity"], failure: string) =>
    async ({ channel, paperId, kind, team, at }: ActivityInput) => {
      try {
        await write({ team: team ?? options.team, channel, paperId, kind, at: at ?? now() });
      } catch (error) {
        options.logger.warn({ err: error, channel, paperId, kind }, failure);
      }
    };
  return {
    recordActivity: counted((event) => options.ledger.recordActivity(event), "activity could not be counted"),
    retractActivity: counted(
      (event) => options.ledger.retractActivity(event),
      "activity could not be taken back",
    ),
  };
}
