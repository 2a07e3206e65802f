// Runs a several-instances suite on each shared backend: a named memory space, one SQLite file, and Redis.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe } from "vitest";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { deleteRedisKeys, TEST_REDIS_URL } from "./test-redis.ts";

/** Opens a new connection to the backend under test, isolated by `namespace`. */
export type OpenSharedStore = (namespace: string) => Promise<StateStore>;

/**
 * Registers `suite` three times, once per backend that several instances can share. Redis is skipped, saying
 * why, when `redisSkipReason` is set (from `await redisUnreachable()` at the top of the test file), and its
 * keys matching `redisKeys` are removed afterwards.
 */
export function describeOnSharedBackends(
  options: { memoryName: string; redisKeys: string; redisSkipReason: string | undefined },
  suite: (open: OpenSharedStore) => void,
): void {
  describe("on the memory store (two instances on one named space)", () => {
    suite((namespace) => createStateStore({ url: `memory://${options.memoryName}`, namespace }));
  });

  describe("on SQLite (two connections to one file)", () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-shared-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    suite((namespace) => createStateStore({ url: `sqlite://${join(dir, "state.db")}`, namespace }));
  });

  const skip = options.redisSkipReason;
  describe.skipIf(skip !== undefined)(`on Redis${skip ? ` — SKIPPED: ${skip}` : ""}`, () => {
    afterAll(() => deleteRedisKeys(options.redisKeys));
    suite((namespace) => createStateStore({ url: TEST_REDIS_URL, namespace }));
  });
}
