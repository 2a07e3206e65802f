// A counting semaphore: at most N tasks run at once, the rest wait in order (and can be aborted while waiting).
import { PaperboyError } from "../errors.ts";

/** Runs `task` when a slot is free; rejects with `llm_unavailable` if `signal` aborts while it waits. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1)
    throw new PaperboyError("bad_config", `Concurrency must be ≥ 1, got ${max}.`);
  let running = 0;
  const waiting: Array<() => void> = [];

  const acquire = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(aborted());
      if (running < max) {
        running++;
        return resolve();
      }
      const take = () => {
        signal?.removeEventListener("abort", onAbort);
        running++;
        resolve();
      };
      const onAbort = () => {
        const index = waiting.indexOf(take);
        if (index !== -1) waiting.splice(index, 1);
        reject(aborted());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.push(take);
    });

  const releaseSlot = () => {
    running--;
    waiting.shift()?.();
  };

  return async (task, signal) => {
    await acquire(signal);
    try {
      return await task();
    } finally {
      releaseSlot();
    }
  };
}

function aborted(): PaperboyError {
  return new PaperboyError("llm_unavailable", "The request was cancelled while waiting for a free slot.");
}
