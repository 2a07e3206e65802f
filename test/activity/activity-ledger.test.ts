// The activity ledger: exact counts from several instances at once, weeks in the channel's zone, a bounded store.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  createActivityLedger,
  totalActivity,
} from "../../src/activity/activity-ledger.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { eventually } from "../support/e2e-helpers.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import {
  countRedisKeys,
  deleteRedisKeys,
  TEST_REDIS_URL as REDIS_URL,
  redisUnreachable,
} from "../support/test-redis.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);
const TEAM = "T0PAPERS";
const TUESDAY = new Date("2026-03-31T10:00:00Z"); // ISO week 2026-W14

const paperId = (i: number) => `2603.${String(10_000 + i).slice(1)}`;
const kindOf = (i: number): ActivityKind => ACTIVITY_KINDS[i % ACTIVITY_KINDS.length] as ActivityKind;

describe("counting activity from several instances at once", () => {
  const opened: StateStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  describeOnSharedBackends(
    { memoryName: `activity-${randomUUID()}`, redisKeys: "paperboy-test-activity-*", redisSkipReason },
    (open) => {
      /** Two instances' ledgers on one shared namespace. */
      async function twoLedgers() {
        const namespace = `paperboy-test-activity-${randomUUID()}`;
        const stores = [await open(namespace), await open(namespace)];
        opened.push(...stores);
        const [a, b] = stores.map((store) => createActivityLedger({ store }));
        if (!a || !b) throw new Error("two ledgers expected");
        return [a, b] as const;
      }

      it("loses no event when two instances count 2,000 reactions and replies on 20 papers together", async () => {
        const [a, b] = await twoLedgers();
        const events = Array.from({ length: 2_000 }, (_, i) => ({
          team: TEAM,
          channel: "C0PAPERS",
          paperId: paperId(i % 20),
          kind: kindOf(i),
          at: TUESDAY,
        }));
        await Promise.all(events.map((event, i) => (i % 2 ? a : b).recordActivity(event)));

        const week = await a.week(TEAM, "C0PAPERS", "2026-W14");
        expect(Object.keys(week.papers)).toHaveLength(20);
        const total = Object.values(week.papers).reduce((sum, counts) => sum + totalActivity(counts), 0);
        expect(total).toBe(2_000);
        // Paper 0 got events 0, 20, 40…: 100 events, its kinds cycling with the index.
        expect(week.papers[paperId(0)]).toEqual({ saved: 100 });
        expect(week.papers[paperId(1)]).toEqual({ discussed: 100 });
      });

      it("takes back exactly the removed reactions when two instances retract at once, and none below zero", async () => {
        const [a, b] = await twoLedgers();
        const like = (i: number) => ({
          team: TEAM,
          channel: "C0PAPERS",
          paperId: paperId(i % 4),
          kind: "liked" as const,
          at: TUESDAY,
        });
        // 100 likes on each of 4 papers; then 30 taken back on paper 0 and 1, and 150 (more than it had) on 2.
        await Promise.all(Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).recordActivity(like(i))));
        const removals = [...Array(30).fill(0), ...Array(30).fill(1), ...Array(150).fill(2)] as number[];
        await Promise.all(removals.map((paper, i) => (i % 2 ? a : b).retractActivity(like(paper))));

        const week = await a.week(TEAM, "C0PAPERS", "2026-W14");
        expect(week.papers[paperId(0)]).toEqual({ liked: 70 });
        expect(week.papers[paperId(1)]).toEqual({ liked: 70 });
        // Every like of paper 2 was taken back: the week no longer lists it.
        expect(week.papers[paperId(2)]).toBeUndefined();
        expect(week.papers[paperId(3)]).toEqual({ liked: 100 });
      });
    },
  );
});

describe("weeks", () => {
  it("start on Monday in the channel's time zone, not in UTC", async () => {
    const store = await createStateStore({ url: "memory://" });
    const ledger = createActivityLedger({ store, timezoneOf: async () => "Europe/Berlin" });
    // Sunday 5 April 23:30 in Berlin, and Monday 6 April 00:30 in Berlin (both Sunday in UTC).
    await ledger.recordActivity({
      team: TEAM,
      channel: "C0PAPERS",
      paperId: "2111.01253",
      kind: "liked",
      at: new Date("2026-04-05T21:30:00Z"),
    });
    await ledger.recordActivity({
      team: TEAM,
      channel: "C0PAPERS",
      paperId: "2111.01253",
      kind: "liked",
      at: new Date("2026-04-05T22:30:00Z"),
    });
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers["2111.01253"]).toEqual({ liked: 1 });
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W15")).papers["2111.01253"]).toEqual({ liked: 1 });
    // Another team's channel of the same id is counted apart.
    expect((await ledger.week("T0OTHER", "C0PAPERS", "2026-W14")).papers).toEqual({});
    await store.close();
  });

  it("keep their most active papers when more papers than the cap are counted", async () => {
    const store = await createStateStore({ url: "memory://" });
    const ledger = createActivityLedger({ store, maxPapersPerWeek: 10 });
    const record = (id: string) =>
      ledger.recordActivity({ team: TEAM, channel: "C0PAPERS", paperId: id, kind: "reacted", at: TUESDAY });
    for (let i = 0; i < 5; i++) await record("2111.01253");
    for (let i = 0; i < 200; i++) await record(paperId(i));
    const week = await ledger.week(TEAM, "C0PAPERS", "2026-W14");
    expect(Object.keys(week.papers).length).toBeLessThanOrEqual(10);
    expect(week.papers["2111.01253"]).toEqual({ reacted: 5 });
    await store.close();
  });
});

describe("reactions taken back", () => {
  const event = (kind: ActivityKind, at = TUESDAY) => ({
    team: TEAM,
    channel: "C0PAPERS",
    paperId: "2111.01253",
    kind,
    at,
  });

  it("come off the count of their kind, never below zero, leaving the paper's other counts", async () => {
    const store = await createStateStore({ url: "memory://" });
    const ledger = createActivityLedger({ store });
    await ledger.recordActivity(event("liked"));
    await ledger.recordActivity(event("liked"));
    await ledger.recordActivity(event("reacted"));
    await ledger.retractActivity(event("liked"));
    await ledger.retractActivity(event("reacted"));
    await ledger.retractActivity(event("reacted"));
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers["2111.01253"]).toEqual({ liked: 1 });
    // A removal of a reaction the week never counted (added last week) changes nothing.
    await ledger.retractActivity(event("liked", new Date("2026-04-07T10:00:00Z")));
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W15")).papers).toEqual({});
    expect(await store.get(`activity:week:${TEAM}:C0PAPERS:2026-W15`)).toBeUndefined();
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers["2111.01253"]).toEqual({ liked: 1 });
    await store.close();
  });

  it("arriving in one burst with new reactions, count as they would one by one", async () => {
    const store = await createStateStore({ url: "memory://" });
    const ledger = createActivityLedger({ store });
    // Written together: a removal of a reaction never counted, then two likes, one removed again.
    await Promise.all([
      ledger.retractActivity(event("liked")),
      ledger.recordActivity(event("liked")),
      ledger.recordActivity(event("liked")),
      ledger.retractActivity(event("liked")),
    ]);
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers["2111.01253"]).toEqual({ liked: 1 });
    await store.close();
  });
});

describe("a store that fails", () => {
  it("costs the events of the failed write only; the next event is counted", async () => {
    const store = await createStateStore({ url: "memory://" });
    let down = true;
    const flaky: StateStore = {
      ...store,
      backend: store.backend,
      claim: async (key, ttlMs) => {
        if (down) throw new Error("connection refused");
        return store.claim(key, ttlMs);
      },
    };
    const ledger = createActivityLedger({ store: flaky });
    const event = {
      team: TEAM,
      channel: "C0PAPERS",
      paperId: "2111.01253",
      kind: "liked" as const,
      at: TUESDAY,
    };
    await expect(ledger.recordActivity(event)).rejects.toThrow("connection refused");
    down = false;
    await ledger.recordActivity(event);
    expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers["2111.01253"]).toEqual({ liked: 1 });
    await store.close();
  });
});

describe.skipIf(redisSkipReason !== undefined)(
  `the store's size on Redis${redisSkipReason ? ` — SKIPPED: ${redisSkipReason}` : ""}`,
  () => {
    const namespace = `paperboy-test-activity-soak-${randomUUID()}`;
    let store: StateStore;
    afterAll(async () => {
      await store?.close();
      await deleteRedisKeys(`${namespace}*`);
    });

    it("holds one value per channel and week however many events came, and none once the weeks expired", async () => {
      store = await createStateStore({ url: REDIS_URL, namespace });
      const ledger = createActivityLedger({ store, ttlMs: 1_500 });
      const channels = ["C0PAPERS", "C0GENERAL"];
      const weeks = [new Date("2026-03-24T10:00:00Z"), TUESDAY, new Date("2026-04-07T10:00:00Z")];
      const activityKeys = () => countRedisKeys(`${namespace}*activity:week:*`);

      // 5,000 reactions and replies over 2 channels, 3 weeks and 50 papers.
      const events = Array.from({ length: 5_000 }, (_, i) => ({
        team: TEAM,
        channel: channels[i % 2] as string,
        paperId: paperId(i % 50),
        kind: (i % 3 === 0 ? "replied" : "reacted") as ActivityKind,
        at: weeks[i % 3] as Date,
      }));
      await Promise.all(events.map((event) => ledger.recordActivity(event)));

      expect(await activityKeys()).toBe(channels.length * weeks.length);
      let counted = 0;
      for (const channel of channels) {
        for (const week of ["2026-W13", "2026-W14", "2026-W15"]) {
          const papers = (await ledger.week(TEAM, channel, week)).papers;
          expect(Object.keys(papers).length).toBeLessThanOrEqual(50);
          counted += Object.values(papers).reduce((sum, counts) => sum + totalActivity(counts), 0);
        }
      }
      expect(counted).toBe(5_000);
      // No lock is left behind, so the only keys are the six weeks.
      expect(await countRedisKeys(`${namespace}*`)).toBe(channels.length * weeks.length);

      // Once their time is up the weeks are gone: nothing of the soak is left.
      await eventually(
        async () => (await countRedisKeys(`${namespace}*`)) === 0,
        10_000,
        "the weeks to expire",
      );
      expect((await ledger.week(TEAM, "C0PAPERS", "2026-W14")).papers).toEqual({});
    });
  },
);
