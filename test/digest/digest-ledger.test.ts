// The digest ledger's repeat list: runs for several dates of one channel, on several instances, record every id.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  createDigestLedger,
  MAX_REMEMBERED_IDS,
  REPEAT_WINDOW_DAYS,
} from "../../src/digest/digest-ledger.ts";
import { addDays } from "../../src/digest/zoned-time.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import { TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);

const FIRST_DAY = "2026-03-01";

/** Registers the concurrency test for one backend; `open` gives a new connection to the shared backend. */
function describeConcurrentRecords(open: (namespace: string) => Promise<StateStore>): void {
  const opened: StateStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  it("keeps every date's ids when two instances record days of one channel at the same moment, many times over", async () => {
    const namespace = `paperboy-test-ledger-${randomUUID()}`;
    const stores = [await open(namespace), await open(namespace)] as const;
    opened.push(...stores);
    const [a, b] = stores.map((store) => createDigestLedger(store, "T0PAPERS"));
    if (!a || !b) throw new Error("two ledgers expected");
    // Two weeks of the repeat window, split between the instances (as a catch-up for yesterday on one
    // and today's run on the other would), all at once, for several channels.
    const days = Array.from({ length: 14 }, (_, i) => addDays(FIRST_DAY, i));
    const idsOf = (channel: string, day: string) => [`${channel}-${day}-1`, `${channel}-${day}-2`];
    const channels = Array.from({ length: 5 }, (_, i) => `C0RACE${i}`);

    await Promise.all(
      channels.flatMap((channel) =>
        days.map((day, i) => (i % 2 ? a : b).recordPosted(channel, day, idsOf(channel, day))),
      ),
    );

    const dayAfter = addDays(FIRST_DAY, 14);
    for (const ledger of [a, b]) {
      for (const channel of channels) {
        const recent = await ledger.recentlyPosted(channel, dayAfter);
        expect([...recent].sort()).toEqual(days.flatMap((day) => idsOf(channel, day)).sort());
      }
    }
  });
}

describe("recording posted papers", () => {
  describeOnSharedBackends(
    { memoryName: "ledger-race", redisKeys: "paperboy-test-ledger-*", redisSkipReason },
    describeConcurrentRecords,
  );

  it("remembers only the repeat window before a date, and re-recording a date replaces its ids", async () => {
    const ledger = createDigestLedger(await createStateStore({ url: "memory://" }), "T0PAPERS");
    const today = "2026-09-20";
    await ledger.recordPosted("C0ONE", addDays(today, -REPEAT_WINDOW_DAYS - 1), ["old"]);
    await ledger.recordPosted("C0ONE", addDays(today, 1 - REPEAT_WINDOW_DAYS), ["first"]);
    await ledger.recordPosted("C0ONE", addDays(today, 1 - REPEAT_WINDOW_DAYS), ["again"]);
    await ledger.recordPosted("C0ONE", today, ["today"]);

    expect([...(await ledger.recentlyPosted("C0ONE", today))]).toEqual(["again"]);
    expect([...(await ledger.recentlyPosted("C0ONE", addDays(today, 1)))].sort()).toEqual(["again", "today"]);
    expect(await ledger.recentlyPosted("C0ONE", addDays(today, REPEAT_WINDOW_DAYS + 1))).toEqual(new Set());
  });

  it("remembers a paper for half a year, with the highest version shown, within a bounded list", async () => {
    expect(REPEAT_WINDOW_DAYS).toBeGreaterThanOrEqual(180);
    const ledger = createDigestLedger(await createStateStore({ url: "memory://" }), "T0PAPERS");
    await ledger.recordPosted(
      "C0ONE",
      "2026-01-05",
      ["2601.00001", "2601.00002"],
      new Map([["2601.00001", 1]]),
    );
    await ledger.recordPosted("C0ONE", "2026-03-05", ["2601.00001"], new Map([["2601.00001", 2]]));
    expect(await ledger.shownVersions("C0ONE", "2026-06-30")).toEqual(
      new Map([
        ["2601.00001", 2],
        ["2601.00002", 0],
      ]),
    );
    // A year of big digests keeps only the newest MAX_REMEMBERED_IDS ids.
    for (let day = 0; day < 200; day++) {
      const date = addDays("2026-01-01", day);
      await ledger.recordPosted(
        "C0TWO",
        date,
        Array.from({ length: 20 }, (_, i) => `${date}-${i}`),
      );
    }
    const remembered = await ledger.recentlyPosted("C0TWO", "2026-07-20");
    expect(remembered.size).toBeLessThanOrEqual(MAX_REMEMBERED_IDS);
    expect(remembered.has("2026-07-19-0")).toBe(true);
    expect(remembered.has("2026-01-01-0")).toBe(false);
  });

  it("gives up with busy, writing nothing, while another instance holds the channel's list", async () => {
    const shared = `memory://ledger-busy-${randomUUID()}`;
    const other = await createStateStore({ url: shared });
    const ledger = createDigestLedger(await createStateStore({ url: shared }), "T0PAPERS", {
      recordWaitMs: 50,
    });
    expect(await other.claim("digest:posted-lock:T0PAPERS:C0ONE", 10_000)).toBe(true);

    await expect(ledger.recordPosted("C0ONE", "2026-03-10", ["x"])).rejects.toMatchObject({ code: "busy" });
    expect(await ledger.recentlyPosted("C0ONE", "2026-03-11")).toEqual(new Set());

    // Another team's list of the same channel is a different lock.
    const otherTeam = createDigestLedger(await createStateStore({ url: shared }), "T0OTHER");
    await otherTeam.recordPosted("C0ONE", "2026-03-10", ["y"]);
    expect([...(await otherTeam.recentlyPosted("C0ONE", "2026-03-11"))]).toEqual(["y"]);
  });
});
