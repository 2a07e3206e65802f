// A per-user budget for LLM-backed actions, kept in the shared store so every instance counts together.
import type { StateStore } from "../state/state-store.ts";

const WINDOW_MS = 60 * 60_000;

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
  // The claim serialises concurrent clicks by the same user across instances.
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await store.claim(`${key}:lock`, 2_000)) {
      try {
        const used = (await store.get<number>(key)) ?? 0;
        if (used >= perHour) return false;
        await store.set(key, used + 1, WINDOW_MS);
        return true;
      } finally {
        await store.release(`${key}:lock`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
