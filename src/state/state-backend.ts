// What every state backend provides (a keyv instance and an atomic claim), and the StateStore built on it.
import { randomUUID } from "node:crypto";
import type { Keyv } from "keyv";
import { PaperboyError } from "../errors.ts";
import type { StateStore } from "./state-store.ts";

/** The atomic part keyv cannot do with get/set: a compare-and-set per backend. */
export interface ClaimBackend {
  /** Takes `key` for `holder` unless someone holds an unexpired claim on it. */
  claim(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Drops the claim on `key` only if `holder` still holds it. */
  release(key: string, holder: string): Promise<void>;
}

/** An opened backend: keyv for values, a claim implementation, and how to close both. */
export interface StateBackend {
  kind: "sqlite" | "redis" | "memory";
  keyv: Keyv;
  claims: ClaimBackend;
  close(): Promise<void>;
}

/** Builds the public StateStore on a backend; storage failures surface as `storage` errors. */
export function wrapBackend(backend: StateBackend): StateStore {
  // One holder id per store instance, so release() cannot drop a claim another instance took over.
  const holder = randomUUID();
  const { keyv, claims } = backend;
  let closed: Promise<void> | undefined;
  return {
    backend: backend.kind,
    get: <T>(key: string) => guard("read", key, () => keyv.get(key) as Promise<T | undefined>),
    set: (key, value, ttlMs) =>
      guard("write", key, async () => {
        if (value === undefined)
          throw new PaperboyError("bad_input", "undefined cannot be stored; use delete().");
        await keyv.set(key, value, ttlMs);
      }),
    delete: (key) => guard("delete", key, () => keyv.delete(key)),
    claim: (key, ttlMs) =>
      guard("claim", key, () => {
        if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
          throw new PaperboyError("bad_input", `A claim needs a positive whole ttl in ms, got ${ttlMs}.`);
        }
        return claims.claim(key, holder, ttlMs);
      }),
    release: (key) => guard("release", key, () => claims.release(key, holder)),
    close: () => {
      closed ??= backend.close();
      return closed;
    },
  };
}

async function guard<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError("storage", `Could not ${operation} "${key}".`, { cause: error });
  }
}
