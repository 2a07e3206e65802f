// Counts the Slack requests the work limit turns away and says so at warn level, a line at most every so often,
// so a flood of refusals is visible to an operator without writing a line per refusal.
import type { Logger } from "../logger.ts";

export interface ShedReporterOptions {
  logger: Logger;
  /** Bumped on every refusal (`paperboy_requests_shed_total`). */
  counter?: { inc(): void };
  /** Least time between two log lines. Default 30 s. */
  everyMs?: number;
  now?: () => number;
}

/** Call with the number of requests in hand each time one is turned away. */
export type ShedReporter = (active: number) => void;

export function createShedReporter(options: ShedReporterOptions): ShedReporter {
  const { logger } = options;
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? Date.now;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  // Refusals since the last line, and the requests in hand at the latest of them.
  let unreported = 0;
  let lastActive = 0;
  // A summary line is due at the interval's end.
  let pending = false;

  const report = () => {
    pending = false;
    if (unreported === 0) return;
    logger.warn(
      { shed: unreported, active: lastActive, sinceMs: Number.isFinite(lastLineAt) ? now() - lastLineAt : 0 },
      `busy: turned away ${unreported} Slack request(s); the bot was already working on ${lastActive}`,
    );
    lastLineAt = now();
    unreported = 0;
  };

  return (active) => {
    options.counter?.inc();
    unreported += 1;
    lastActive = active;
    const wait = lastLineAt + everyMs - now();
    if (wait <= 0) report();
    // The refusals that came within the interval are told in one line when it ends, even if no more come.
    // unref: a pending summary never keeps the process alive.
    else if (!pending) {
      pending = true;
      setTimeout(report, wait).unref();
    }
  };
}
