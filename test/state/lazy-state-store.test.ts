// The lazily opened store one-shot commands get: the full StateStore contract, and nothing opened until used.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PaperboyError } from "../../src/errors.ts";
import { lazyStateStore } from "../../src/state/lazy-state-store.ts";
import { countMemoryEntries } from "../../src/state/memory-backend.ts";
import {
  describeBackend,
  describeStateStoreContract,
  TEST_SWEEP_INTERVAL_MS as sweepIntervalMs,
} from "./state-store.contract.ts";

describeBackend("lazily opened memory store", undefined, () => {
  describeStateStoreContract({
    open: async (namespace) => lazyStateStore({ url: "memory://lazy-contract", namespace, sweepIntervalMs }),
    persistent: false,
    countStored: async (namespace) => countMemoryEntries("lazy-contract", namespace),
  });
});

describe("lazyStateStore", () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-lazy-state-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates no database until the first call, then stores as the eager store does", async () => {
    const dataDir = join(dir, "data");
    const store = lazyStateStore({ dataDir });
    expect(store.backend).toBe("sqlite");
    expect(existsSync(join(dataDir, "state.db"))).toBe(false);
    await store.set("greeting", { text: "hello" });
    expect(existsSync(join(dataDir, "state.db"))).toBe(true);
    await store.close();
    const reopened = lazyStateStore({ dataDir });
    await expect(reopened.get("greeting")).resolves.toEqual({ text: "hello" });
    await reopened.close();
  });

  it("closes without opening when it was never used", async () => {
    const dataDir = join(dir, "unused");
    await lazyStateStore({ dataDir }).close();
    expect(existsSync(dataDir)).toBe(false);
  });

  it("names its backend from the URL before opening", () => {
    expect(lazyStateStore({ url: "redis://127.0.0.1:1/0" }).backend).toBe("redis");
    expect(lazyStateStore({ url: "memory://x" }).backend).toBe("memory");
  });

  it("rejects the call that cannot open the store, and opens on a later call once it can", async () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "a file where the store's folder should be");
    const store = lazyStateStore({ url: `sqlite://${join(blocker, "state.db")}` });
    const failed = await store.get("key").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(PaperboyError);
    expect((failed as PaperboyError).message).toMatch(/Could not open the state store/);
    rmSync(blocker);
    await store.set("key", 1);
    await expect(store.get("key")).resolves.toBe(1);
    await store.close();
  });
});
