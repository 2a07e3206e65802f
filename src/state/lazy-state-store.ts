// A StateStore that opens its backend on first use, for one-shot commands that may never touch state.
import type { StateStore, StateStoreOptions } from "./state-store.ts";

/**
 * Same contract as `createStateStore`, but nothing is opened until a method is called (opening SQLite costs
 * ≈30 ms of a `paperboy search --local`); an open that fails rejects that call and is retried by the next.
 * `close()` before any use opens nothing.
 */
export function lazyStateStore(options: StateStoreOptions = {}): StateStore {
  let opening: Promise<StateStore> | undefined;
  const open = () => {
    // The store's module too is imported here: a command that never touches state never loads it.
    opening ??= import("./state-store.ts")
      .then(({ createStateStore }) => createStateStore(options))
      .catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
    return opening;
  };
  return {
    backend: backendKind(options.url),
    get: async <T>(key: string) => (await open()).get<T>(key),
    set: async (key, value, ttlMs) => (await open()).set(key, value, ttlMs),
    delete: async (key) => (await open()).delete(key),
    claim: async (key, ttlMs) => (await open()).claim(key, ttlMs),
    release: async (key) => (await open()).release(key),
    async close() {
      const store = await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}

/** The backend a store URL names, known before it is opened (the default is SQLite). */
function backendKind(url: string | undefined): StateStore["backend"] {
  if (url?.startsWith("redis://") || url?.startsWith("rediss://")) return "redis";
  if (url?.startsWith("memory://")) return "memory";
  return "sqlite";
}
