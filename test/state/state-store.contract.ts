// The one contract every StateStore backend must meet; state-store.test.ts runs it per backend.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { StateStore } from "../../src/state/state-store.ts";
import { startClaimChild } from "../support/claim-in-child.ts";

/** How the contract reaches one backend. */
export interface StateStoreTarget {
  /** Opens a NEW store instance on the same shared backend, isolated by `namespace`. */
  open(namespace: string): Promise<StateStore>;
  /** Store URL another process can open, when the backend is shared across processes. */
  processUrl?: string;
  /** True when values outlive closing every instance (persistent backends). */
  persistent: boolean;
  /** Claims plus values the backend holds for `namespace` now, expired or not: what it costs in storage. */
  countStored(namespace: string): Promise<number>;
}

/** The sweep interval the contract's stores are opened with, so expired rows go within a test's time. */
export const TEST_SWEEP_INTERVAL_MS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the contract tests for one backend. */
export function describeStateStoreContract(target: StateStoreTarget): void {
  const opened: StateStore[] = [];
  // Every test gets its own namespace, so runs never see each other's keys on a shared server.
  const open = async (namespace = `paperboy-test-contract-${randomUUID()}`) => {
    const store = await target.open(namespace);
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  it("reads back what was set, and nothing after delete", async () => {
    const store = await open();
    expect(await store.get("missing")).toBeUndefined();
    const value = { title: "Grokking at the edge", authors: ["A", "B"], upvotes: 3, nested: { ok: true } };
    await store.set("paper", value);
    await store.set("count", 7);
    expect(await store.get("paper")).toEqual(value);
    expect(await store.get<number>("count")).toBe(7);
    await store.set("count", 8);
    expect(await store.get<number>("count")).toBe(8);
    expect(await store.delete("paper")).toBe(true);
    expect(await store.delete("paper")).toBe(false);
    expect(await store.get("paper")).toBeUndefined();
  });

  it("forgets a value once its ttl has passed", async () => {
    const store = await open();
    await store.set("short", "lived", 80);
    await store.set("long", "lived", 60_000);
    expect(await store.get("short")).toBe("lived");
    await sleep(160);
    expect(await store.get("short")).toBeUndefined();
    expect(await store.get("long")).toBe("lived");
  });

  // Registered only where they apply, so "skipped" in the report always means a missing server.
  if (target.persistent)
    it("keeps values when the store is closed and reopened", async () => {
      const namespace = `paperboy-test-contract-${randomUUID()}`;
      const first = await target.open(namespace);
      await first.set("ledger:C1:2025-01-06", { posted: true });
      await first.close();
      const second = await open(namespace);
      expect(await second.get("ledger:C1:2025-01-06")).toEqual({ posted: true });
    });

  it("gives a claim to exactly one of 50 concurrent callers", async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim("digest:C1", 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("gives a claim to exactly one caller across two store instances on the same backend", async () => {
    const namespace = `paperboy-test-contract-${randomUUID()}`;
    const [a, b] = [await open(namespace), await open(namespace)];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).claim("digest:C2", 10_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const aHolds = !(await a.claim("digest:C2", 10_000)) && results.findIndex(Boolean) % 2 === 0;
    const [holder, other] = aHolds ? [a, b] : [b, a];
    // Only the holder's release frees the claim.
    await other.release("digest:C2");
    expect(await other.claim("digest:C2", 10_000)).toBe(false);
    await holder.release("digest:C2");
    expect(await other.claim("digest:C2", 10_000)).toBe(true);
  });

  it("makes a claim available again once its ttl has passed", async () => {
    const store = await open();
    expect(await store.claim("job", 100)).toBe(true);
    expect(await store.claim("job", 100)).toBe(false);
    await sleep(200);
    expect(await store.claim("job", 100)).toBe(true);
  });

  it("isolates namespaces: same key, separate values and claims", async () => {
    const [left, right] = [await open(), await open()];
    await left.set("topics", ["rl"]);
    expect(await right.get("topics")).toBeUndefined();
    await right.set("topics", ["nlp"]);
    expect(await left.get("topics")).toEqual(["rl"]);
    expect(await left.claim("job", 10_000)).toBe(true);
    expect(await right.claim("job", 10_000)).toBe(true);
    await right.delete("topics");
    expect(await left.get("topics")).toEqual(["rl"]);
  });

  it("deletes claims and values past their ttl, so storage stays bounded after many events", async () => {
    const namespace = `paperboy-test-contract-${randomUUID()}`;
    const store = await open(namespace);
    expect(await store.claim("digest:live", 60_000)).toBe(true);
    await store.set("settings:live", { topics: ["rl"] });
    const peaks: number[] = [];
    for (let round = 0; round < 4; round++) {
      // 500 de-duplication claims and 50 short-lived values per round, as a busy minute of events leaves.
      await Promise.all(Array.from({ length: 500 }, (_, i) => store.claim(`event:Ev${round}-${i}`, 20)));
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.set(`held:${round}-${i}`, "reply", 20)));
      peaks.push(await target.countStored(namespace));
      await sleep(20 + TEST_SWEEP_INTERVAL_MS * 4);
    }
    // 2,200 entries were written; only the two live ones remain, and no round started above one round's worth.
    expect(await target.countStored(namespace)).toBe(2);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(2 + 550);
    expect(await store.get("settings:live")).toEqual({ topics: ["rl"] });
    expect(await store.claim("digest:live", 60_000)).toBe(false);
  });

  it("rejects a claim without a positive ttl", async () => {
    const store = await open();
    await expect(store.claim("job", 0)).rejects.toMatchObject({ code: "bad_input" });
  });

  if (target.processUrl !== undefined)
    it("gives a claim to exactly one caller across two processes", async () => {
      const namespace = `paperboy-test-contract-${randomUUID()}`;
      const store = await open(namespace);
      const child = await startClaimChild(target.processUrl ?? "", namespace, "digest:C3", 10_000, 25);
      try {
        const at = Date.now() + 150;
        const childWins = child.race(at);
        await sleep(at - Date.now());
        const mine = await Promise.all(Array.from({ length: 25 }, () => store.claim("digest:C3", 10_000)));
        expect(mine.filter(Boolean).length + (await childWins)).toBe(1);
      } finally {
        child.kill();
      }
    }, 30_000);
}

/** Lists contract backends as describe blocks; kept here so the test file stays a table. */
export function describeBackend(name: string, skipReason: string | undefined, body: () => void): void {
  if (skipReason) {
    // Printed so a skipped backend is never mistaken for a passing one.
    console.warn(`[state-store contract] ${name} skipped: ${skipReason}`);
  }
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} (skipped: ${skipReason})` : name, body);
}
