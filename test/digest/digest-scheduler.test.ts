// The scheduler posts each channel's digest at its local time (DST days included), once, across restarts.
import cron from "node-cron";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/digest-scheduler.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  type HfStandIn,
  makePaper,
  startHfStandIn,
  type TestClock,
  testClock,
  tsDate,
  workspaceWith,
} from "./digest-test-kit.ts";

const CHANNELS = ["C0BERLIN", "C0NEWYORK", "C0TOKYO", "C0GAP", "C0REPEAT"];
const clock = testClock("2026-03-27T00:00:00Z");
let standIn: SlackStandIn;
let hf: HfStandIn;

/** Five papers per day, with ids that differ by day. */
function papersFor(date: string): Paper[] {
  const [, month, day] = date.split("-");
  return Array.from({ length: 5 }, (_, i) =>
    makePaper(`26${month}.${day}00${i}`, `Paper ${i} of ${date} on diffusion`, { upvotes: 10 * i }),
  );
}

/** Ticks the scheduler every `stepMs` from `from` to `to`, like the cron tasks and the sweep would. */
async function walk(scheduler: DigestScheduler, c: TestClock, from: string, to: string, stepMs = 60_000) {
  c.set(from);
  const end = new Date(to).getTime();
  while (c.ms() <= end) {
    await scheduler.tick(c.now());
    c.advance(stepMs);
  }
}

/** When each of a channel's digests was posted, by the date in its metadata. */
function postedAt(channel: string): Record<string, string[]> {
  const byDate: Record<string, string[]> = {};
  for (const message of digestsIn(standIn, channel)) {
    const date = String(message.metadata?.event_payload.date);
    byDate[date] = [...(byDate[date] ?? []), tsDate(message.ts).toISOString()];
  }
  return byDate;
}

beforeAll(async () => {
  hf = await startHfStandIn(papersFor);
});
afterAll(async () => {
  await hf.server.close();
});
// A fresh Slack per test: message timestamps only move forward, and tests set the clock back.
beforeEach(async () => {
  standIn = await startSlackStandIn({ workspace: workspaceWith(CHANNELS), now: clock.ms });
});
afterEach(async () => {
  await standIn.close();
});

describe("the digest scheduler", () => {
  it("posts three channels in three time zones at 09:00 local, across Berlin's spring-forward night", async () => {
    const channels = [
      channelConfig({ channel: "C0BERLIN", timezone: "Europe/Berlin" }),
      channelConfig({ channel: "C0NEWYORK", timezone: "America/New_York" }),
      channelConfig({ channel: "C0TOKYO", timezone: "Asia/Tokyo" }),
    ];
    const { deps } = await digestHarness({ standIn, hf, channels, clock });
    const scheduler = createDigestScheduler({ deps, now: clock.now });

    await walk(scheduler, clock, "2026-03-27T20:00:00Z", "2026-03-29T20:00:00Z");

    expect(postedAt("C0BERLIN")).toEqual({
      "2026-03-28": ["2026-03-28T08:00:00.000Z"], // CET, UTC+1
      "2026-03-29": ["2026-03-29T07:00:00.000Z"], // CEST from 02:00 that night, UTC+2
    });
    expect(postedAt("C0NEWYORK")).toEqual({
      "2026-03-28": ["2026-03-28T13:00:00.000Z"], // EDT since 8 March
      "2026-03-29": ["2026-03-29T13:00:00.000Z"],
    });
    expect(postedAt("C0TOKYO")).toEqual({
      "2026-03-28": ["2026-03-28T00:00:00.000Z"],
      "2026-03-29": ["2026-03-29T00:00:00.000Z"],
    });
    expect(standIn.rejected()).toEqual([]);
  });

  it.each([
    ["Europe/Berlin", "09:00", "2026-03-29", "2026-03-29T07:00:00.000Z"],
    ["Europe/Berlin", "09:00", "2026-10-25", "2026-10-25T08:00:00.000Z"],
    ["America/New_York", "09:00", "2026-03-08", "2026-03-08T13:00:00.000Z"],
    ["America/New_York", "09:00", "2026-11-01", "2026-11-01T14:00:00.000Z"],
    // 02:30 does not exist in Berlin on 2026-03-29: posted when the clock reads 03:30 (01:30 UTC).
    ["Europe/Berlin", "02:30", "2026-03-29", "2026-03-29T01:30:00.000Z"],
    // 01:30 happens twice in New York on 2026-11-01: posted once, at the first.
    ["America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:00.000Z"],
  ])("on a DST day (%s %s on %s) posts once, at %s", async (timezone, time, date, expected) => {
    const channels = [channelConfig({ channel: "C0GAP", timezone, time })];
    const { deps } = await digestHarness({ standIn, hf, channels, clock });
    const scheduler = createDigestScheduler({ deps, now: clock.now });

    const from = new Date(new Date(`${date}T00:00:00Z`).getTime() - 12 * 3_600_000).toISOString();
    await walk(scheduler, clock, from, `${date}T23:59:00Z`);

    expect(postedAt("C0GAP")[date]).toEqual([expected]);
  });

  it("gives node-cron one task per channel in the channel's zone, and reschedules when settings change", async () => {
    const channels = [
      channelConfig({ channel: "C0BERLIN", timezone: "Europe/Berlin", days: "weekdays" }),
      channelConfig({
        channel: "C0NEWYORK",
        timezone: "America/New_York",
        time: "07:45",
        days: ["mon", "fri"],
      }),
    ];
    clock.set("2026-03-30T04:00:00Z");
    const { deps, settings } = await digestHarness({ standIn, hf, channels, clock });
    const scheduler = createDigestScheduler({ deps, now: clock.now });
    await scheduler.start();
    try {
      expect(scheduler.tasks()).toEqual([
        { channel: "C0BERLIN", expression: "0 9 * * 1-5", timezone: "Europe/Berlin" },
        { channel: "C0NEWYORK", expression: "45 7 * * 1,5", timezone: "America/New_York" },
      ]);
      // node-cron fires the Berlin task at 09:00 local on both sides of the DST change.
      const probe = cron.createTask("0 9 * * 1-5", () => {}, { timezone: "Europe/Berlin" });
      expect(probe.match(new Date("2026-03-27T08:00:00Z"))).toBe(true);
      expect(probe.match(new Date("2026-03-30T07:00:00Z"))).toBe(true);
      expect(probe.match(new Date("2026-03-30T08:00:00Z"))).toBe(false);
      await probe.destroy();

      await settings.update("C0BERLIN", { time: "10:30", timezone: "Asia/Tokyo" });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(scheduler.tasks()).toContainEqual({
        channel: "C0BERLIN",
        expression: "30 10 * * 1-5",
        timezone: "Asia/Tokyo",
      });
      await settings.update("C0NEWYORK", { enabled: false });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(scheduler.tasks().map((task) => task.channel)).toEqual(["C0BERLIN"]);
    } finally {
      await scheduler.stop();
    }
  });

  it("node-cron alone would miss a time inside the DST gap and fire twice on a repeated hour; the sweep and ledger cover both", async () => {
    const gap = cron.createTask("30 2 * * *", () => {}, { timezone: "Europe/Berlin" });
    expect(gap.match(new Date("2026-03-29T00:30:00Z")) || gap.match(new Date("2026-03-29T01:30:00Z"))).toBe(
      false,
    );
    const repeated = cron.createTask("30 1 * * *", () => {}, { timezone: "America/New_York" });
    expect([
      repeated.match(new Date("2026-11-01T05:30:00Z")),
      repeated.match(new Date("2026-11-01T06:30:00Z")),
    ]).toEqual([true, true]);
    await gap.destroy();
    await repeated.destroy();
  });

  it("posts nothing twice after a restart, and catches up on start within the grace window", async () => {
    const channels = [
      channelConfig({ channel: "C0BERLIN", timezone: "Europe/Berlin" }),
      channelConfig({ channel: "C0TOKYO", timezone: "Asia/Tokyo" }),
    ];
    const first = await digestHarness({
      standIn,
      hf,
      channels,
      clock,
      store: await createStateStore({ url: "memory://restart" }),
    });
    clock.set("2026-03-30T07:01:00Z"); // 09:01 Berlin; Tokyo's 09:00 was 6 h 1 min ago: outside the 6 h grace
    const beforeRestart = await createDigestScheduler({ deps: first.deps, now: clock.now }).tick();
    expect(beforeRestart.map((run) => [run.channel, run.status])).toEqual([["C0BERLIN", "posted"]]);

    // A new process on the same store, a few minutes later.
    clock.set("2026-03-30T07:20:00Z");
    const second = await digestHarness({
      standIn,
      hf,
      channels,
      clock,
      store: await createStateStore({ url: "memory://restart" }),
    });
    const scheduler = createDigestScheduler({ deps: second.deps, now: clock.now });
    const catchUp = await scheduler.start();
    await scheduler.stop();

    expect(catchUp.map((run) => [run.channel, run.status])).toEqual([["C0BERLIN", "already_posted"]]);
    expect(digestsIn(standIn, "C0BERLIN")).toHaveLength(1);
    expect(digestsIn(standIn, "C0TOKYO")).toHaveLength(0);
    expect(standIn.calls("conversations.history")).toHaveLength(0);
  });

  it("catches up a digest missed while down, but not one whose time passed before the schedule was set", async () => {
    const channels = [channelConfig({ channel: "C0BERLIN", timezone: "Europe/Berlin", time: "06:00" })];
    const { deps, settings } = await digestHarness({ standIn, hf, channels, clock });
    clock.set("2026-03-30T09:00:00Z"); // 11:00 Berlin: 06:00 was 5 h ago
    expect((await createDigestScheduler({ deps, now: clock.now }).tick()).map((run) => run.status)).toEqual([
      "posted",
    ]);

    await settings.update("C0TOKYO", { time: "09:00", timezone: "Asia/Tokyo", enabled: true }); // 18:00 in Tokyo
    clock.advance(5 * 60_000);
    const runs = await createDigestScheduler({ deps, now: clock.now }).tick(clock.now(), ["C0TOKYO"]);
    expect(runs).toEqual([]);
  });

  it("does not post a paper today that the channel got yesterday", async () => {
    const original = hf.papersFor;
    // Hugging Face keeps yesterday's two most popular papers on today's page.
    hf.papersFor = (date) =>
      date === "2026-03-31"
        ? [...original("2026-03-30").slice(3), ...original("2026-03-31")]
        : original(date);
    try {
      const channels = [channelConfig({ channel: "C0REPEAT", maxPapers: 3 })];
      const { deps } = await digestHarness({ standIn, hf, channels, clock });
      const scheduler = createDigestScheduler({ deps, now: clock.now });
      await walk(scheduler, clock, "2026-03-30T08:55:00Z", "2026-03-31T09:05:00Z", 5 * 60_000);

      const [monday, tuesday] = digestsIn(standIn, "C0REPEAT").map(
        (m) => m.metadata?.event_payload.paper_ids as string[],
      );
      expect(monday).toEqual(["2603.30004", "2603.30003", "2603.30002"]);
      expect(tuesday).toHaveLength(3);
      expect(tuesday?.filter((id) => monday?.includes(id))).toEqual([]);
    } finally {
      hf.papersFor = original;
    }
  });
});
