// A short lock across every instance sharing a store, on its atomic claim: serialises read-modify-writes.
import { PaperboyError } from "../errors.ts";
import { getOrInsert } from "../get-or-insert.ts";
import { createKeyedQueue, type KeyedQueue } from "./keyed-queue.ts";
import { retryWithBackoff } from "./retry-with-backoff.ts";
import type { StateStore } from "./state-store.ts";

export interface RunLockedOptions {
  /**
   * How long the lock outlives a holder that died or stalled. Keep it far above the work's duration: the
   * store has no fencing, so work still running after its lease could overlap the next holder's. Default 10 s.
   */
  leaseMs?: number;
  /** How long to keep trying while someone else holds the lock before giving up with `busy`. Default 5 s. */
  waitMs?: number;
  /** Shown to the user with the `busy` error. */
  busyDetail?: string;
}

const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_WAIT_MS = 5_000;
// Retries start 20 ms apart and back off to 250 ms, jittered so that waiting instances do not retry in step.
const CLAIM_BACKOFF = { firstPauseMs: 20, maxPauseMs: 250, jitter: true } as const;

// Callers in one process share a store instance, whose claim is not re-entrant: they take turns here per
// key instead of backing off against each other and using up each other's wait.
const localTurns = new WeakMap<StateStore, KeyedQueue>();

function turnsOn(store: StateStore): KeyedQueue {
  return getOrInsert(localTurns, store, () => createKeyedQueue());
}

/**
 * Runs `work` while holding `key` against every instance that shares `store`, and releases it afterwards
 * (also when `work` throws). Callers in this process wait their turn first; while another instance holds
 * the key, retries with jittered exponential backoff, and after `waitMs` (counted from this caller's turn)
 * throws a `busy` PaperboyError without running `work`. Not re-entrant: `work` must not take the same key.
 */
export function runLocked<T>(
  store: StateStore,
  key: string,
  work: () => Promise<T>,
  options: RunLockedOptions = {},
): Promise<T> {
  return turnsOn(store)(key, () => claimAndRun(store, key, work, options));
}

async function claimAndRun<T>(
  store: StateStore,
  key: string,
  work: () => Promise<T>,
  options: RunLockedOptions,
): Promise<T> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const claimed = await retryWithBackoff(async () => (await store.claim(key, leaseMs)) || undefined, {
    ...CLAIM_BACKOFF,
    waitMs: options.waitMs ?? DEFAULT_WAIT_MS,
  });
  if (!claimed) throw new PaperboyError("busy", options.busyDetail);
  try {
    return await work();
  } finally {
    // A release that fails (storage down) only delays the next holder until the lease runs out; it must
    // not turn work that succeeded into an error.
    await store.release(key).catch(() => {});
  }
}
