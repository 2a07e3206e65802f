// The store lock behind read-modify-writes, on memory, SQLite and Redis (Redis skips, saying why, when unreachable).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runLocked } from "../../src/state/run-locked.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { deleteRedisKeys, TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";
import { describeBackend } from "./state-store.contract.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);
const sqliteDir = mkdtempSync(join(tmpdir(), "paperboy-lock-"));
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the lock's tests for one backend; `open` gives a new connection to the shared backend. */
function describeRunLocked(open: (namespace: string) => Promise<StateStore>): void {
  const opened: StateStore[] = [];
  /** Two instances (two connections) on one fresh namespace. */
  const twoInstances = async () => {
    const namespace = `paperboy-test-lock-${randomUUID()}`;
    const pair = [await open(namespace), await open(namespace)] as const;
    opened.push(...pair);
    return pair;
  };
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  it("lets one instance at a time run, so concurrent read-modify-writes lose nothing", async () => {
    const [a, b] = await twoInstances();
    let inside = 0;
    let most = 0;
    const increment = (store: StateStore) =>
      runLocked(store, "counter", async () => {
        inside++;
        most = Math.max(most, inside);
        const value = (await store.get<number>("count")) ?? 0;
        await sleep(2);
        await store.set("count", value + 1);
        inside--;
      });
    await Promise.all(Array.from({ length: 10 }, () => [increment(a), increment(b)]).flat());
    expect(most).toBe(1);
    expect(await a.get("count")).toBe(20);
  });

  it("lets callers on one store instance take turns in call order, none of them busy", async () => {
    const [a] = await twoInstances();
    const order: number[] = [];
    // Each holds the lock far longer than the others may wait for the store: only turn-taking lets all run.
    const turn = (n: number) =>
      runLocked(
        a,
        "turns",
        async () => {
          await sleep(60);
          order.push(n);
        },
        { waitMs: 20 },
      );
    await Promise.all([turn(1), turn(2), turn(3)]);
    expect(order).toEqual([1, 2, 3]);
  });

  it("gives up with a busy error after the wait, without running the work", async () => {
    const [a, b] = await twoInstances();
    let release = () => {};
    const holding = runLocked(a, "k", () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(20);
    let ran = false;
    const started = Date.now();
    await expect(
      runLocked(b, "k", async () => (ran = true), { waitMs: 150, busyDetail: "Try again soon." }),
    ).rejects.toMatchObject({ code: "busy", detail: "Try again soon." });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(ran).toBe(false);
    release();
    await holding;
    await expect(runLocked(b, "k", async () => "mine")).resolves.toBe("mine");
  });

  it("releases the lock when the work throws", async () => {
    const [a, b] = await twoInstances();
    await expect(
      runLocked(a, "k", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(runLocked(b, "k", async () => "next", { waitMs: 50 })).resolves.toBe("next");
  });

  it("is taken over once the lease of a holder that died runs out", async () => {
    const [a, b] = await twoInstances();
    // A takes the lock and never gives it back, as a crashed process would not.
    expect(await a.claim("k", 300)).toBe(true);
    const started = Date.now();
    await expect(runLocked(b, "k", async () => "taken over", { waitMs: 2_000 })).resolves.toBe("taken over");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
}

describeBackend("runLocked on the memory store", undefined, () => {
  describeRunLocked((namespace) => createStateStore({ url: "memory://run-locked", namespace }));
});

describeBackend("runLocked on SQLite", undefined, () => {
  const url = `sqlite://${join(sqliteDir, "state.db")}`;
  describeRunLocked((namespace) => createStateStore({ url, namespace }));
});

describeBackend("runLocked on Redis", redisSkipReason, () => {
  afterAll(() => deleteRedisKeys("paperboy-test-lock-*"));
  describeRunLocked((namespace) => createStateStore({ url: REDIS_URL, namespace }));
});
