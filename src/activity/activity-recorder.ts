// The one entry the transport calls when something happens to a paper: counts it, and never fails the caller.
import type { Logger } from "../logger.ts";
import type { ActivityKind, ActivityLedger } from "./activity-ledger.ts";

export interface ActivityRecorder {
  /**
   * Counts one `kind` of activity on a paper in a channel (now, for the deployment's team unless given).
   * Never throws: a store that is down costs the count, not the save or reply that caused it.
   */
  recordActivity(input: {
    channel: string;
    paperId: string;
    kind: ActivityKind;
    team?: string;
    at?: Date;
  }): Promise<void>;
}

export function createActivityRecorder(options: {
  ledger: ActivityLedger;
  /** The deployment's team, which keys the counts the roundup reads. */
  team: string;
  now?: () => Date;
  logger: Logger;
}): ActivityRecorder {
  const now = options.now ?? (() => new Date());
  return {
    async recordActivity({ channel, paperId, kind, team, at }) {
      try {
        await options.ledger.recordActivity({
          team: team ?? options.team,
          channel,
          paperId,
          kind,
          at: at ?? now(),
        });
      } catch (error) {
        options.logger.warn({ err: error, channel, paperId, kind }, "activity could not be counted");
      }
    },
  };
}
