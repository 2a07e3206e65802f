// Runs the StateStore contract against memory, SQLite and Redis (Redis skips, saying why, when unreachable).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStateStore } from "../../src/state/state-store.ts";
import { deleteRedisKeys, TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";
import { describeBackend, describeStateStoreContract } from "./state-store.contract.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);

describeBackend("memory store", undefined, () => {
  // A named memory space is shared by every instance opened on it in this process.
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url: "memory://contract", namespace }),
    persistent: false,
  });
});

describeBackend("SQLite store", undefined, () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-state-"));
  const url = `sqlite://${join(dir, "state.db")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url, namespace }),
    processUrl: url,
    persistent: true,
  });
});

describeBackend("Redis store", redisSkipReason, () => {
  // Only this suite's keys: other files run at the same time on the same server.
  afterAll(() => deleteRedisKeys("paperboy-test-contract-*"));
  describeStateStoreContract({
    open: (namespace) => createStateStore({ url: REDIS_URL, namespace }),
    processUrl: REDIS_URL,
    persistent: true,
  });
});

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

  it("refuses an unknown URL scheme with a configuration error that names the variable", async () => {
    await expect(createStateStore({ url: "postgres://db/paperboy" })).rejects.toMatchObject({
      code: "bad_config",
      message: expect.stringContaining("PAPERBOY_STORE_URL"),
    });
  });
});
