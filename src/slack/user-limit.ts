// A per-user budget for LLM-backed actions, kept in the shared store so every instance counts together.
import { PaperboyError } from "../errors.ts";
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";

const WINDOW_MS = 60 * 60_000;
// The count is read and written under a short lock; a click that cannot get it within a second is refused.
const LOCK_LEASE_MS = 2_000;
const LOCK_WAIT_MS = 1_000;

/**
 * Counts one action for `user` in the current hour; false once the user used up `perHour`.
 * Fixed windows are coarse but cheap, and a user who hits the limit is told when to retry.
 */
export async function takeUserAction(
  store: StateStore,
  user: string,
  perHour: number,
  now = Date.now(),
): Promise<boolean> {
  const window = Math.floor(now / WINDOW_MS);
  const key = `ratelimit:${user}:${window}`;
  try {
    // The lock serialises concurrent clicks by the same user across instances.
    return await runLocked(
      store,
      `${key}:lock`,
      async () => {
        const used = (await store.get<number>(key)) ?? 0;
        if (used >= perHour) return false;
        await store.set(key, used + 1, WINDOW_MS);
        return true;
      },
      { leaseMs: LOCK_LEASE_MS, waitMs: LOCK_WAIT_MS },
    );
  } catch (error) {
    if (error instanceof PaperboyError && error.code === "busy") return false;
    throw error;
  }
}
