// What one journal club message's run did, as the scheduler reports it (the coordinator's outcome, flattened).
import type { OnceOutcome, OnceStatus } from "../digest/run-exactly-once.ts";

/** What one due message did. */
export interface JcRun {
  channel: string;
  occurrence: string;
  status: OnceStatus;
  ts?: string;
  error?: string;
}

/** What one due message did, from the coordinator's outcome. */
export function jcRun(channel: string, occurrence: string, outcome: OnceOutcome<unknown>): JcRun {
  const run: JcRun = { channel, occurrence, status: outcome.status };
  if ("ts" in outcome && outcome.ts) run.ts = outcome.ts;
  if (outcome.status === "failed") run.error = outcome.error;
  return run;
}
