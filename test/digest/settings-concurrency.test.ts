// Channel settings edited from several instances at once lose nothing; keys are per team, and older settings are kept.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createChannelSettings, listSettingsTeams } from "../../src/digest/channel-settings.ts";
import { parsePapersCommand } from "../../src/slack/commands/parse-papers-command.ts";
import { applySettingsCommand, type SettingsRequest } from "../../src/slack/digest/settings-command.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import { TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";
import { channelConfig, testClock } from "./digest-test-kit.ts";

const redisSkipReason = await redisUnreachable(REDIS_URL);

const fileChannel = channelConfig({ channel: "C0PAPERS", time: "08:30", topics: ["diffusion"] });

/** One paperboy instance's settings on `store`, and `/papers <text>` typed in a channel as it handles it. */
function instance(store: StateStore, options: { team?: string; lockWaitMs?: number } = {}) {
  const settings = createChannelSettings({
    store,
    fileChannels: [fileChannel],
    team: options.team ?? "T0PAPERS",
    now: testClock("2026-03-30T10:00:00Z").now,
    ...(options.lockWaitMs ? { lockWaitMs: options.lockWaitMs } : {}),
  });
  const run = async (text: string, channel = "C0PAPERS") => {
    const request = parsePapersCommand(text) as SettingsRequest;
    return (await applySettingsCommand({ settings, channel, request })).text;
  };
  return { settings, run };
}

/** Registers the concurrency test for one backend; `open` gives a new connection to the shared backend. */
function describeConcurrentEdits(open: (namespace: string) => Promise<StateStore>): void {
  const opened: StateStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  it("keeps every edit when two instances edit the same channel at the same moment, many times over", async () => {
    const namespace = `paperboy-test-settings-${randomUUID()}`;
    const stores = [await open(namespace), await open(namespace)] as const;
    opened.push(...stores);
    const [a, b] = stores.map((store) => instance(store));
    if (!a || !b) throw new Error("two instances expected");

    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      // A adds a topic and sets the time while B adds another topic and an excluded word.
      await Promise.all([
        a.run(`topics add a${i}`),
        b.run(`topics add b${i}`),
        b.run(`exclude add x${i}`),
        a.run(`schedule ${String(i).padStart(2, "0")}:15`),
      ]);
    }

    for (const { settings } of [a, b]) {
      const config = await settings.get("C0PAPERS");
      const expectedTopics = [
        "diffusion",
        ...Array.from({ length: rounds }, (_, i) => [`a${i}`, `b${i}`]).flat(),
      ];
      expect([...(config?.topics ?? [])].sort()).toEqual(expectedTopics.sort());
      expect([...(config?.exclude ?? [])].sort()).toEqual(
        Array.from({ length: rounds }, (_, i) => `x${i}`).sort(),
      );
      expect(config?.time).toBe(`${rounds - 1}:15`);
    }
  });

  it("adds every channel first configured at the same moment on different instances to the schedule", async () => {
    const namespace = `paperboy-test-settings-${randomUUID()}`;
    const stores = [await open(namespace), await open(namespace)] as const;
    opened.push(...stores);
    const [a, b] = stores.map((store) => instance(store));
    if (!a || !b) throw new Error("two instances expected");
    const channels = Array.from({ length: 10 }, (_, i) => `C0NEW${i}`);

    await Promise.all(channels.map((channel, i) => (i % 2 ? a : b).run("schedule 10:00", channel)));

    const listed = (await a.settings.list()).map((config) => config.channel);
    expect(listed.sort()).toEqual(["C0PAPERS", ...channels].sort());
  });
}

describe("concurrent settings edits", () => {
  describeOnSharedBackends(
    { memoryName: "settings-race", redisKeys: "paperboy-test-settings-*", redisSkipReason },
    describeConcurrentEdits,
  );

  it("tell the user to try again, changing nothing, while another instance holds the channel", async () => {
    const shared = `memory://settings-busy-${randomUUID()}`;
    const stalled = await createStateStore({ url: shared });
    let unstall = () => {};
    let stall: Promise<void> | undefined = new Promise<void>((resolve) => (unstall = resolve));
    // Instance A's storage stalls at its first write, in the middle of its edit, with the channel's lock held.
    const stallingStore: StateStore = {
      ...stalled,
      set: async (key, value, ttlMs) => {
        const wait = stall;
        stall = undefined;
        await wait;
        return stalled.set(key, value, ttlMs);
      },
    };
    const a = instance(stallingStore);
    const b = instance(await createStateStore({ url: shared }), { lockWaitMs: 200 });

    const slowEdit = a.run("topics add agents");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.run("schedule 07:00")).toBe(
      "Someone else is changing this channel's digest settings at this moment, so nothing was changed. Try again in a few seconds.",
    );
    unstall();
    await slowEdit;
    expect(await b.settings.get("C0PAPERS")).toMatchObject({
      time: "08:30",
      topics: ["diffusion", "agents"],
    });
    expect(await b.run("schedule 07:00")).toContain("Schedule saved");
  });
});

describe("settings keys", () => {
  it("keep two workspaces' settings apart, even for one channel id (a Slack Connect channel)", async () => {
    const shared = `memory://settings-teams-${randomUUID()}`;
    const one = instance(await createStateStore({ url: shared }), { team: "T0ONE" });
    const two = instance(await createStateStore({ url: shared }), { team: "T0TWO" });

    await one.run("schedule 06:00", "C0SHARED");
    await one.run("topics add robotics", "C0SHARED");

    expect(await one.settings.get("C0SHARED")).toMatchObject({ time: "06:00", topics: ["robotics"] });
    expect(await two.settings.get("C0SHARED")).toBeUndefined();
    expect((await two.settings.list()).map((config) => config.channel)).toEqual(["C0PAPERS"]);
  });

  it("list every workspace that edited settings, also when several first edit at the same moment on different instances", async () => {
    const shared = `memory://settings-team-list-${randomUUID()}`;
    const teams = Array.from({ length: 8 }, (_, i) => `T0TEAM${i}`);
    const instances = await Promise.all(
      teams.map(async (team) => instance(await createStateStore({ url: shared }), { team })),
    );
    await Promise.all(instances.map(({ run }) => run("schedule 06:00")));
    const store = await createStateStore({ url: shared });
    expect([...(await listSettingsTeams(store))].sort()).toEqual([...teams].sort());
  });

  it("add a team that edited before the list of teams existed at its next edit", async () => {
    const store = await createStateStore({ url: `memory://settings-team-list-${randomUUID()}` });
    const { run } = instance(store, { team: "T0EARLY" });
    await run("schedule 06:00");
    // What the previous version left: the team's channel listed, but no list of teams.
    await store.delete("digest:settings-teams");
    expect(await listSettingsTeams(store)).toEqual([]);

    await run("topics add agents");
    expect(await listSettingsTeams(store)).toEqual(["T0EARLY"]);
  });

  it("keep settings saved before keys had a team, and carry them into the next edit", async () => {
    const store = await createStateStore({ url: `memory://settings-legacy-${randomUUID()}` });
    // What an earlier version wrote: keys without the team.
    await store.set("digest:settings:C0OLD", { time: "06:45", enabled: true, topics: ["rlhf"] });
    await store.set("digest:settings:channels", ["C0OLD"]);
    await store.set("digest:settings-edited:C0OLD", "2026-03-01T08:00:00.000Z");
    const { settings, run } = instance(store);

    expect(await settings.get("C0OLD")).toMatchObject({ time: "06:45", enabled: true, topics: ["rlhf"] });
    expect((await settings.list()).map((config) => config.channel).sort()).toEqual(["C0OLD", "C0PAPERS"]);
    expect(await settings.scheduleEditedAt("C0OLD")).toEqual(new Date("2026-03-01T08:00:00.000Z"));

    await run("topics add agents", "C0OLD");
    expect(await settings.get("C0OLD")).toMatchObject({ time: "06:45", topics: ["rlhf", "agents"] });
    expect((await settings.view("C0OLD")).fromSlack.sort()).toEqual(["enabled", "time", "topics"]);
  });
});
