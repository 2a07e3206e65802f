// Runs the StateStore contract against memory, SQLite and Redis (Redis skips, saying why, when unreachable).
import { mkdtempSync, rmSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { afterAll, describe, expect, it } from "vitest";
import { createStateStore } from "../../src/state/state-store.ts";
import { describeBackend, describeStateStoreContract } from "./state-store.contract.ts";

// CI and the dev machine run Redis on the default port; PAPERBOY_TEST_REDIS_URL points elsewhere.
const REDIS_URL = process.env.PAPERBOY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisAddress = new URL(REDIS_URL);
const redisSkipReason = await redisUnreachable(redisAddress.hostname, Number(redisAddress.port || 6379));

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
  afterAll(() => deleteRedisKeys(REDIS_URL, "paperboy-test-*"));
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

/** Removes what the contract left on the shared Redis server. */
async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.quit();
}

/** Why Redis cannot be used (undefined when it answers PING). */
async function redisUnreachable(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1_000, () => done(`Redis did not answer at ${host}:${port} within 1 s`));
    socket.once("error", (error) => done(`Redis unreachable at ${host}:${port} (${error.message})`));
    socket.connect(port, host, () => socket.write("PING\r\n"));
    socket.once("data", (data) =>
      done(data.toString().startsWith("+PONG") ? undefined : `unexpected Redis reply at ${host}:${port}`),
    );
  });
}
