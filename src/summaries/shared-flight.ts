// Single-flight across instances: whoever claims a key computes; the others wait for its result in the store.
import type { Logger } from "../logger.ts";
import { retryWithBackoff } from "../state/retry-with-backoff.ts";
import type { StateStore } from "../state/state-store.ts";

/** First pause before a waiter looks at the store again; it doubles up to MAX_POLL_MS. */
const FIRST_POLL_MS = 50;
/** Longest pause between looks: bounds how late a waiter sees the result (and its store traffic). */
const MAX_POLL_MS = 500;

export interface SharedFlightOptions<T> {
  store: StateStore;
  /** The claim that decides who computes; every instance uses the same key for the same work. */
  claimKey: string;
  /** How long a claim lasts if its holder never releases it (it crashed); longer than `compute` can take. */
  leaseMs: number;
  /** The result another instance stored, or undefined while there is none; must not throw. */
  read(): Promise<T | undefined>;
  /** Computes and stores the result; runs under the claim, or without it when the store cannot claim. */
  compute(): Promise<T>;
  /** Stops the wait (the caller has given up); the rejection is the signal's reason. */
  signal: AbortSignal;
  logger: Logger;
}

/**
 * Runs `compute` once across every instance sharing `store`: the instance that claims `claimKey` computes,
 * the others poll `read` with a short backoff and claim in turn if the holder releases without a result
 * (it failed) or its lease runs out (it crashed). Waits at most until `signal` aborts. A store that cannot
 * claim means computing without coordination, never no answer.
 */
export async function sharedFlight<T>(options: SharedFlightOptions<T>): Promise<T> {
  const { store, claimKey, leaseMs, read, signal, logger } = options;
  // Each try after the first looks for the holder's result before trying to claim in turn.
  const outcome = await retryWithBackoff<{ result: T } | "claimed" | "uncoordinated">(
    async (tryIndex) => {
      if (tryIndex > 0) {
        const result = await read();
        if (result !== undefined) return { result };
      }
      try {
        return (await store.claim(claimKey, leaseMs)) ? "claimed" : undefined;
      } catch (error) {
        logger.warn({ err: error, key: claimKey }, "claim failed; computing without coordination");
        return "uncoordinated";
      }
    },
    { firstPauseMs: FIRST_POLL_MS, maxPauseMs: MAX_POLL_MS, jitter: false, signal },
  );
  if (outcome === "uncoordinated") return options.compute();
  if (outcome === "claimed") return computeHolding(options);
  // No waitMs: the loop ends only with an outcome or the signal's abort.
  if (outcome === undefined) throw new Error("unreachable: sharedFlight has no wait limit");
  return outcome.result;
}

/** Computes while holding the claim, and always gives it up so a waiter can take over after a failure. */
async function computeHolding<T>(options: SharedFlightOptions<T>): Promise<T> {
  const { store, claimKey, read, logger } = options;
  try {
    // The previous holder may have stored its result and released between our last read and the claim.
    const stored = await read();
    if (stored !== undefined) return stored;
    return await options.compute();
  } finally {
    // A release that fails only delays waiters: the claim expires with its lease.
    await store
      .release(claimKey)
      .catch((error: unknown) => logger.warn({ err: error, key: claimKey }, "claim release failed"));
  }
}
