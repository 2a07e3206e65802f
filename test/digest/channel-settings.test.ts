// Channel settings: the file's values, Slack edits that win and persist, and the /papers settings commands.
import { describe, expect, it } from "vitest";
import { createChannelSettings } from "../../src/digest/channel-settings.ts";
import { parsePapersCommand } from "../../src/slack/commands/parse-papers-command.ts";
import { describeSettings } from "../../src/slack/digest/describe-settings.ts";
import { applySettingsCommand, parseScheduleArgs } from "../../src/slack/digest/settings-command.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { channelConfig, testClock } from "./digest-test-kit.ts";

const fileChannel = channelConfig({
  channel: "C0PAPERS",
  time: "08:30",
  timezone: "Europe/Berlin",
  days: "weekdays",
  topics: ["diffusion"],
});

async function setup(storeName = "") {
  const store = await createStateStore({ url: `memory://${storeName}` });
  const clock = testClock("2026-03-30T10:00:00Z");
  const settings = createChannelSettings({ store, fileChannels: [fileChannel], now: clock.now });
  /** Runs `/papers <text>` in `channel` as the lead's handler will. */
  const run = async (text: string, channel = "C0PAPERS") => {
    const request = parsePapersCommand(text);
    if (
      request.kind !== "schedule" &&
      request.kind !== "topics" &&
      request.kind !== "exclude" &&
      request.kind !== "settings" &&
      request.kind !== "digest"
    ) {
      throw new Error(`not a settings command: ${text}`);
    }
    if (request.kind === "digest" && (request.action === "preview" || request.action === "now"))
      throw new Error("not here");
    return (await applySettingsCommand({ settings, channel, request: request as never, now: clock.now() }))
      .text;
  };
  return { store, settings, run, clock };
}

describe("channel settings", () => {
  it("come from the config file until someone edits them in Slack", async () => {
    const { settings } = await setup();
    expect(await settings.get("C0PAPERS")).toEqual(fileChannel);
    expect(await settings.get("C0UNKNOWN")).toBeUndefined();
    expect((await settings.list()).map((c) => c.channel)).toEqual(["C0PAPERS"]);
  });

  it("apply Slack edits over the file, survive a restart and are seen by a second instance", async () => {
    const { settings, run } = await setup("settings-shared");
    expect(await run("schedule 07:15 America/New_York mon,wed,fri")).toContain("Schedule saved");
    const edited = await settings.get("C0PAPERS");
    expect(edited).toMatchObject({
      time: "07:15",
      timezone: "America/New_York",
      days: ["mon", "wed", "fri"],
      topics: ["diffusion"],
    });

    const otherStore = await createStateStore({ url: "memory://settings-shared" });
    const other = createChannelSettings({ store: otherStore, fileChannels: [fileChannel] });
    expect(await other.get("C0PAPERS")).toEqual(edited);
    expect((await other.view("C0PAPERS")).fromSlack.sort()).toEqual(["days", "enabled", "time", "timezone"]);
  });

  it("tell listeners (the scheduler) about every edit", async () => {
    const { settings, run } = await setup();
    const seen: string[] = [];
    settings.onChange((config) => seen.push(`${config.channel} ${config.time}`));
    await run("schedule 06:00");
    expect(seen).toEqual(["C0PAPERS 06:00"]);
  });

  it("parse schedules in any order and in friendly forms", () => {
    expect(parseScheduleArgs("09:00 Europe/Berlin weekdays")).toEqual({
      patch: { time: "09:00", timezone: "Europe/Berlin", days: "weekdays" },
    });
    expect(parseScheduleArgs("daily 9am utc")).toEqual({
      patch: { time: "09:00", timezone: "UTC", days: "daily" },
    });
    expect(parseScheduleArgs("Monday thu 6:15pm")).toEqual({
      patch: { time: "18:15", days: ["mon", "thu"] },
    });
    expect(parseScheduleArgs("europe/berlin")).toEqual({ patch: { timezone: "Europe/Berlin" } });
  });

  it("answer bad schedules with what is wrong and how to write it", async () => {
    const { run, settings } = await setup();
    expect(await run("schedule 25:00")).toContain("`25:00` is not a time: use 24-hour `HH:MM`");
    expect(await run("schedule 09:00 Mars/Olympus")).toContain("`Mars/Olympus` is not a time zone or a day");
    expect(await run("schedule 09:00 Mars/Olympus")).toContain(
      "/papers schedule 09:00 Europe/Berlin weekdays",
    );
    expect((await settings.get("C0PAPERS"))?.time).toBe("08:30");
  });

  it("reject an edit the schema refuses, naming the field and the fix", async () => {
    const { run } = await setup();
    const words = Array.from({ length: 51 }, (_, i) => `topic${i}`).join(", ");
    const text = await run(`topics set ${words}`);
    expect(text).toContain("`topics`:");
    expect(text).toContain("/papers topics set");
  });

  it("add, remove, set, clear and list topics and excluded words", async () => {
    const { run, settings } = await setup();
    expect(await run("topics add RLHF, large language models")).toBe(
      "Topics: *diffusion*, *RLHF*, *large language models*",
    );
    expect(await run("topics add rlhf")).toBe("Topics: *diffusion*, *RLHF*, *large language models*");
    expect(await run("topics remove diffusion, robotics")).toBe(
      "Topics: *RLHF*, *large language models* (not in the list: *robotics*)",
    );
    expect(await run("topics set agents")).toBe("Topics: *agents*");
    expect(await run("topics list")).toBe("Topics: *agents*");
    expect(await run("topics clear")).toContain("Topics: none");
    expect(await run("exclude add medical")).toBe("Excluded words: *medical*");
    expect(await settings.get("C0PAPERS")).toMatchObject({ topics: [], exclude: ["medical"] });
  });

  it("escape what users typed when echoing it back", async () => {
    const { run } = await setup();
    expect(await run("exclude add a&b")).toBe("Excluded words: *a&amp;b*");
  });

  it("turn the digest off and on; scheduling an unconfigured channel turns it on", async () => {
    const { run, settings } = await setup();
    expect(await run("digest off")).toContain("*off*");
    expect((await settings.get("C0PAPERS"))?.enabled).toBe(false);
    expect(await run("digest on")).toContain("*on*");

    expect(await run("settings", "C0GENERAL")).toContain("Not configured yet");
    const reply = await run("schedule 10:00 Asia/Tokyo", "C0GENERAL");
    expect(reply).toContain("The digest is now *on*");
    expect(await settings.get("C0GENERAL")).toMatchObject({
      time: "10:00",
      timezone: "Asia/Tokyo",
      enabled: true,
    });
    expect((await settings.list()).map((c) => c.channel).sort()).toEqual(["C0GENERAL", "C0PAPERS"]);
  });

  it("describe the settings for /papers settings and the App Home", async () => {
    const { settings, run, clock } = await setup();
    await run("exclude add medical");
    const view = await settings.view("C0PAPERS");
    const text = describeSettings(view.config, { now: clock.now(), fromSlack: view.fromSlack });
    expect(text).toContain("*Daily paper digest in <#C0PAPERS>: on*");
    expect(text).toContain("08:30 Europe/Berlin, weekdays — next: Tuesday, 31 March 2026");
    expect(text).toContain("*Topics:* *diffusion*");
    expect(text).toContain("*Excluded words:* *medical*");
    expect(text).toContain("up to 8 papers from Hugging Face");
    expect(text).toContain("Set in Slack (overrides the config file): exclude");
  });
});
