// ISO weeks and roundup times in a channel's zone, and a roundup run interrupted mid-post found in history, not posted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActivityLedger } from "../../src/activity/activity-ledger.ts";
import { isoWeekOf, weekRange } from "../../src/activity/iso-week.ts";
import { type RoundupDeps, roundupLedger, runRoundup } from "../../src/activity/run-roundup.ts";
import { dueRoundups, nextRoundup } from "../../src/activity/weekly-due.ts";
import { createWeeklyScheduler } from "../../src/activity/weekly-scheduler.ts";
import { createWeeklySettings, type WeeklyConfig } from "../../src/activity/weekly-settings.ts";
import { silentLogger } from "../../src/logger.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { createDigestWebClient, createSlackPoster } from "../../src/slack/digest/slack-poster.ts";
import type { RoundupMessage } from "../../src/slack/weekly/render-roundup.ts";
import { createSlackRoundupPublisher } from "../../src/slack/weekly/slack-roundup-publisher.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { testClock, workspaceWith } from "../digest/digest-test-kit.ts";

const HOUR = 3_600_000;
const berlin = (fields: Partial<WeeklyConfig> = {}): WeeklyConfig => ({
  channel: "C0WEEK",
  enabled: true,
  day: "fri",
  time: "16:00",
  timezone: "Europe/Berlin",
  quiet: "note",
  ...fields,
});

describe("ISO weeks", () => {
  it.each([
    ["2026-01-01", "2026-W01"], // a Thursday: week 1 of its own year
    ["2027-01-01", "2026-W53"], // a Friday: the last week of 2026
    ["2024-12-30", "2025-W01"], // a Monday in December: week 1 of the next year
    ["2026-04-05", "2026-W14"], // a Sunday ends its week
    ["2026-04-06", "2026-W15"],
  ])("%s is in %s", (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it("run from Monday to Sunday", () => {
    expect(weekRange("2026-W14")).toEqual({ monday: "2026-03-30", sunday: "2026-04-05" });
    expect(weekRange("2026-W53")).toEqual({ monday: "2026-12-28", sunday: "2027-01-03" });
  });
});

describe("when a roundup is due", () => {
  it("fires at the channel's local time on both sides of a DST change", () => {
    // Friday 27 March 16:00 in Berlin is 15:00 UTC (CET); a week later, 14:00 UTC (CEST).
    expect(dueRoundups(berlin(), new Date("2026-03-27T15:00:30Z"), 6 * HOUR)).toEqual([
      { period: "2026-W13", scheduledAt: new Date("2026-03-27T15:00:00Z") },
    ]);
    expect(dueRoundups(berlin(), new Date("2026-04-03T14:00:30Z"), 6 * HOUR)).toEqual([
      { period: "2026-W14", scheduledAt: new Date("2026-04-03T14:00:00Z") },
    ]);
    expect(dueRoundups(berlin(), new Date("2026-04-03T13:59:00Z"), 6 * HOUR)).toEqual([]);
    expect(dueRoundups(berlin({ enabled: false }), new Date("2026-04-03T14:00:30Z"), 6 * HOUR)).toEqual([]);
  });

  it("catches up a Sunday-night roundup after midnight, for the week it belongs to", () => {
    const sunday = berlin({ day: "sun", time: "23:30" });
    // Monday 6 April 00:10 in Berlin.
    expect(dueRoundups(sunday, new Date("2026-04-05T22:10:00Z"), 6 * HOUR)).toEqual([
      { period: "2026-W14", scheduledAt: new Date("2026-04-05T21:30:00Z") },
    ]);
  });

  it("names the next one", () => {
    expect(nextRoundup(berlin(), new Date("2026-04-03T14:00:00Z")).scheduledAt).toEqual(
      new Date("2026-04-10T14:00:00Z"),
    );
    expect(nextRoundup(berlin(), new Date("2026-04-01T08:00:00Z")).period).toBe("2026-W14");
  });
});

describe("a roundup interrupted mid-post", () => {
  const clock = testClock("2026-04-03T14:00:30Z");
  let standIn: SlackStandIn;
  beforeAll(async () => {
    standIn = await startSlackStandIn({ workspace: workspaceWith(["C0WEEK"]), now: clock.ms });
  });
  afterAll(() => standIn?.close());

  it("is found in the channel's history by the next run, and not posted again", async () => {
    const store = await createStateStore({ url: "memory://roundup-crash" });
    const client = createDigestWebClient({ token: standIn.botToken, slackApiUrl: standIn.apiUrl });
    const poster = createSlackPoster({ client, logger: silentLogger(), perChannelIntervalMs: 0 });
    const settings = createWeeklySettings({
      store,
      team: "T0PAPERS",
      now: () => new Date("2026-04-01T00:00:00Z"),
    });
    await settings.update(
      "C0WEEK",
      async () => berlin(),
      () => ({}),
    );
    const activity = createActivityLedger({ store, timezoneOf: async () => "Europe/Berlin" });
    await activity.recordActivity({
      team: "T0PAPERS",
      channel: "C0WEEK",
      paperId: "2111.01253",
      kind: "liked",
      at: clock.now(),
    });
    const deps = (lostAnswer: boolean): RoundupDeps => {
      const publisher = createSlackRoundupPublisher(poster, async () => undefined);
      return {
        store,
        team: "T0PAPERS",
        settings,
        activity,
        logger: silentLogger(),
        lookup: async () => undefined,
        lockTtlMs: 2_000,
        publisher: lostAnswer
          ? {
              ...publisher,
              // Slack stores the post, but its answer is lost (a timeout): the run cannot know.
              publish: async (channel, post) => {
                await publisher.publish(channel, post as RoundupMessage);
                throw new Error("socket hang up");
              },
            }
          : publisher,
      };
    };
    const roundups = () =>
      standIn.messages("C0WEEK").filter((message) => message.metadata?.event_type === "paperboy_weekly");

    const first = await runRoundup({
      deps: deps(true),
      config: berlin(),
      week: "2026-W14",
      now: clock.now(),
    });
    expect(first.status).toBe("failed");
    expect(roundups()).toHaveLength(1);
    expect((await roundupLedger(store, "T0PAPERS").get("C0WEEK", "2026-W14"))?.state).toBe("claimed");

    clock.advance(5 * 60_000);
    const [second] = await createWeeklyScheduler({ deps: deps(false), now: clock.now }).tick();
    expect(second).toMatchObject({ status: "recovered", ts: roundups()[0]?.ts, paperIds: ["2111.01253"] });
    expect(roundups()).toHaveLength(1);
    const [third] = await createWeeklyScheduler({ deps: deps(false), now: clock.now }).tick();
    expect(third?.status).toBe("already_posted");
    expect(roundups()).toHaveLength(1);
    await store.close();
  });
});
