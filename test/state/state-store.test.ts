// Runs the StateStore contract against memory, SQLite and Redis (Redis skips, saying why, when unreachable).
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { countMemoryEntries } from "../../src/state/memory-backend.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import {
  countRedisKeys,
  deleteRedisKeys,
  TEST_REDIS_URL as REDIS_URL,
  redisUnreachable,
} from "../support/test-redis.ts";
import {
  describeBackend,
  describeStateStoreContract,
  TEST_SWEEP_INTERVAL_MS as sweepIntervalMs,
} from "./state-store.contract.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);

describeBackend("memory store", undefined, () => {
  // A named memory space is shared by every instance opened on it in this process.
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url: "memory://contract", namespace, sweepIntervalMs }),
    persistent: false,
    countStored: async (namespace) => countMemoryEntries("contract", namespace),
  });
});

describeBackend("SQLite store", undefined, () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-state-"));
  const url = `sqlite://${join(dir, "state.db")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url, namespace, sweepIntervalMs }),
    processUrl: url,
    persistent: true,
    countStored: async (namespace) => countSqliteRows(join(dir, "state.db"), namespace),
  });
});

describeBackend("Redis store", redisSkipReason, () => {
  // Only this suite's keys: other files run at the same time on the same server.
  afterAll(() => deleteRedisKeys("paperboy-test-contract-*"));
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url: REDIS_URL, namespace }),
    processUrl: REDIS_URL,
    persistent: true,
    countStored: (namespace) => countRedisKeys(`${namespace}:*`),
  });
});

/** Rows of `namespace` in both tables of a SQLite state file, read on a connection of its own. */
function countSqliteRows(path: string, namespace: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const count = (table: string) =>
      (
        db.prepare(`SELECT count(*) AS n FROM ${table} WHERE key LIKE ?`).get(`${namespace}:%`) as {
          n: number;
        }
      ).n;
    return count("keyv") + count("paperboy_claims");
  } finally {
    db.close();
  }
}

describe("createStateStore", () => {
  it("puts the default SQLite file in the data dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-state-"));
    try {
      const store = await createStateStore({ dataDir: join(dir, "nested") });
      expect(store.backend).toBe("sqlite");
      await store.set("k", "v");
      await store.close();
      const reopened = await createStateStore({ url: `sqlite://${join(dir, "nested", "state.db")}` });
      expect(await reopened.get("k")).toBe("v");
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads and writes a state.db that @keyv/sqlite 4 wrote (values, ttls and claims)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-state-"));
    try {
      const path = join(dir, "state.db");
      copyFileSync(fileURLToPath(new URL("../fixtures/state/keyv-sqlite-4.0.8.db", import.meta.url)), path);
      const store = await createStateStore({ url: `sqlite://${path}` });
      expect(await store.get("settings:T1:C1")).toEqual({
        topics: ["reinforcement learning"],
        time: "09:00",
      });
      expect(await store.get("ledger:C1:2025-01-06")).toEqual({ posted: ["2501.00001", "2501.00002"] });
      expect(await store.get("summary:2501.00001")).toBe("A short summary");
      // Written with a 1 ms ttl: expired.
      expect(await store.get("held:C1:1")).toBeUndefined();
      // Its claim on this event is held until 2100, so the event is not handled twice after the upgrade.
      expect(await store.claim("event:Ev0123", 60_000)).toBe(false);
      await store.set("settings:T1:C1", { topics: ["nlp"] });
      await store.close();
      const reopened = await createStateStore({ url: `sqlite://${path}` });
      expect(await reopened.get("settings:T1:C1")).toEqual({ topics: ["nlp"] });
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown URL scheme with a configuration error that names the variable", async () => {
    await expect(createStateStore({ url: "postgres://db/paperboy" })).rejects.toMatchObject({
      code: "bad_config",
      message: expect.stringContaining("PAPERBOY_STORE_URL"),
    });
  });
});
