// The shared state store: keyv-backed values with TTLs plus an atomic claim, on SQLite, Redis or memory.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { PaperboyError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { StateBackend } from "./state-backend.ts";

/**
 * Key/value state shared by every paperboy instance that points at the same store: channel settings,
 * the digest ledger, threads, de-duplication and cached summaries.
 */
export interface StateStore {
  /** Which kind of storage backs this store. */
  readonly backend: StateBackend["kind"];
  /** The value stored under `key`, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value; with `ttlMs` it disappears after that many milliseconds. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Removes `key`; true when something was there. */
  delete(key: string): Promise<boolean>;
  /**
   * Atomically takes `key` for `ttlMs`: exactly one caller among any number of concurrent callers,
   * across every process sharing the store, gets true until the ttl passes or the claim is released.
   * Not re-entrant: a second claim by the same store instance also gets false.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives up a claim this store instance holds (a claim taken over by someone else is left alone). */
  release(key: string): Promise<void>;
  /** Closes connections; the store must not be used afterwards. */
  close(): Promise<void>;
}

export interface StateStoreOptions {
  /** `sqlite://path`, `redis://…` / `rediss://…` or `memory://[name]`; default SQLite at `<dataDir>/state.db`. */
  url?: string;
  /** Where the default SQLite file lives. Default `./data`. */
  dataDir?: string;
  /** Prefix that isolates this store's keys (and claims) from others on the same backend. Default `paperboy`. */
  namespace?: string;
  /** Receives storage errors that keyv reports as events. */
  logger?: Logger;
  /**
   * How often SQLite and memory delete expired claims and values (Redis expires keys itself). Default one
   * minute; tests shorten it.
   */
  sweepIntervalMs?: number;
}

/** Opens the state store the URL names; throws `bad_config` for an unknown scheme, `storage` if it cannot connect. */
export async function createStateStore(options: StateStoreOptions = {}): Promise<StateStore> {
  const namespace = options.namespace ?? "paperboy";
  const url = options.url ?? `sqlite://${join(options.dataDir ?? "./data", "state.db")}`;
  const backend = await openBackend(url, namespace, options.sweepIntervalMs);
  backend.keyv.on("error", (error: unknown) =>
    options.logger?.warn({ err: error, url: redact(url) }, "state store error"),
  );
  return wrapBackend(backend);
}

async function openBackend(
  url: string,
  namespace: string,
  sweepIntervalMs: number | undefined,
): Promise<StateBackend> {
  try {
    if (url.startsWith("sqlite://")) {
      const path = url.slice("sqlite://".length);
      if (path.length === 0)
        throw new PaperboyError("bad_config", "A sqlite:// store URL needs a file path.");
      // SQLite creates the file but not its directory.
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      // Each backend is imported only when named: the Redis client alone costs a one-shot command ~0.2 s to load.
      return await (await import("./sqlite-backend.ts")).openSqliteBackend(path, namespace, {
        sweepIntervalMs,
      });
    }
    if (url.startsWith("redis://") || url.startsWith("rediss://"))
      return await (await import("./redis-backend.ts")).openRedisBackend(url, namespace);
    if (url.startsWith("memory://"))
      return (await import("./memory-backend.ts")).openMemoryBackend(
        url.slice("memory://".length),
        namespace,
        {
          sweepIntervalMs,
        },
      );
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError("storage", `Could not open the state store at ${redact(url)}.`, { cause: error });
  }
  throw new PaperboyError(
    "bad_config",
    `PAPERBOY_STORE_URL "${redact(url)}" must start with sqlite://, redis://, rediss:// or memory://.`,
  );
}

/** Hides a password in a store URL before it is shown or logged. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
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
