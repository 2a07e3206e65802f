// The one claim-and-poll loop: try, pause with exponential backoff, try again; used by locks and single-flight.
import { setTimeout as sleep } from "node:timers/promises";

export interface BackoffOptions {
  /** First pause after a failed try; it doubles up to `maxPauseMs`. */
  firstPauseMs: number;
  maxPauseMs: number;
  /**
   * Full jitter: each pause is a random length up to the current one, so instances that collided once do
   * not keep retrying in step. Without it the pauses are exact (a poller that should look at a steady pace).
   */
  jitter: boolean;
  /** Gives up (resolving undefined) once this long has passed since the first try; no pause runs past it. */
  waitMs?: number;
  /** Stops trying: the loop rejects with an abort error, before a try or during a pause. */
  signal?: AbortSignal;
}

/**
 * Calls `attempt(tryIndex)` until it returns something other than undefined and resolves with that, pausing
 * between tries as `options` says. Resolves undefined when `waitMs` runs out; rejects when `attempt` does.
 */
export async function retryWithBackoff<T>(
  attempt: (tryIndex: number) => Promise<T | undefined>,
  options: BackoffOptions,
): Promise<T | undefined> {
  const deadline = Date.now() + (options.waitMs ?? Number.POSITIVE_INFINITY);
  let pauseMs = options.firstPauseMs;
  for (let tryIndex = 0; ; tryIndex++) {
    options.signal?.throwIfAborted();
    const result = await attempt(tryIndex);
    if (result !== undefined) return result;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    const pause = options.jitter ? Math.ceil(Math.random() * pauseMs) : pauseMs;
    await sleep(Math.min(left, pause), undefined, options.signal ? { signal: options.signal } : {});
    pauseMs = Math.min(pauseMs * 2, options.maxPauseMs);
  }
}
