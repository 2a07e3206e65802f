// `/papers digest preview|now` and `npx paperboy digest …`: on-demand digests that still post only once.
import { describe, expect, it } from "vitest";
import { runDigestCommand } from "../../src/cli/digest-command.ts";
import { silentLogger } from "../../src/logger.ts";
import { createHfClient } from "../../src/papers/sources/hf.ts";
import { parsePapersCommand } from "../../src/slack/commands/parse-papers-command.ts";
import {
  answerDigestRequest,
  type DigestRequest,
  handleDigestCommand,
} from "../../src/slack/digest/digest-command.ts";
import { createDigestFeature } from "../../src/slack/digest/digest-feature.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  makePaper,
  testClock,
  useDigestStandIns,
} from "./digest-test-kit.ts";

const clock = testClock("2026-03-30T10:00:00Z");
const stands = useDigestStandIns(["C0CLI", "C0CLI2"], clock, (date) => [
  makePaper(`2603.${date.slice(8)}001`, "Diffusion at Scale", { upvotes: 3 }),
  makePaper(`2603.${date.slice(8)}002`, "Agents that Plan & <Act>", { upvotes: 7 }),
]);

describe("on-demand digests", () => {
  it("preview shows only the caller what would be posted, and posts nothing", async () => {
    const { deps } = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: "C0PAPERS" })],
      clock,
    });
    const reply = await handleDigestCommand({
      deps,
      channel: "C0PAPERS",
      action: "preview",
      now: clock.now(),
    });
    expect(JSON.stringify(reply.blocks)).toContain("Preview: only you can see this");
    expect(JSON.stringify(reply.blocks)).toContain("Agents that Plan &amp; &lt;Act&gt;");
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(stands.standIn.messages("C0PAPERS")).toEqual([]);
  });

  it("now posts today's digest once; asking again says it was already posted", async () => {
    const { deps } = await digestHarness({ ...stands, channels: [], clock });
    const first = await handleDigestCommand({ deps, channel: "C0GENERAL", action: "now", now: clock.now() });
    expect(first.text).toBe("Posted the digest for Monday, 30 March 2026: 2 papers.");
    const second = await handleDigestCommand({ deps, channel: "C0GENERAL", action: "now", now: clock.now() });
    expect(second.text).toBe("The digest for Monday, 30 March 2026 was already posted here.");
    expect(digestsIn(stands.standIn, "C0GENERAL")).toHaveLength(1);
  });

  it("the CLI's --dry-run --json prints the Slack payloads without posting", async () => {
    const channels = [
      channelConfig({ channel: "C0CLI" }),
      channelConfig({ channel: "C0CLI2", enabled: false }),
    ];
    const { deps } = await digestHarness({ ...stands, channels, clock });
    const output = await runDigestCommand(
      { dryRun: true, json: true, date: "2026-03-27" },
      { ...deps, now: clock.now },
    );
    const rows = JSON.parse(output);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: "C0CLI",
      date: "2026-03-27",
      status: "dry_run",
      paper_ids: ["2603.27002", "2603.27001"],
      payload: {
        channel: "C0CLI",
        text: expect.stringContaining("Papers for Friday, 27 March 2026"),
        metadata: { event_type: "paperboy_digest", event_payload: { date: "2026-03-27" } },
      },
    });
    expect(stands.standIn.messages("C0CLI")).toEqual([]);
  });

  it("the CLI posts without --dry-run, once per channel and date, and prints what it did", async () => {
    const { deps } = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: "C0CLI" })],
      clock,
    });
    const first = await runDigestCommand({ channel: "C0CLI" }, { ...deps, now: clock.now });
    expect(first).toContain("C0CLI  2026-03-30  posted");
    expect(first).toContain("Agents that Plan & <Act>");
    const again = await runDigestCommand({ channel: "C0CLI" }, { ...deps, now: clock.now });
    expect(again).toContain("already_posted");
    expect(digestsIn(stands.standIn, "C0CLI")).toHaveLength(1);
    expect(await runDigestCommand({ date: "30/03/2026" }, deps)).toContain(
      "--date must look like 2026-03-30",
    );
  });

  it("answers every digest-related /papers request through one entry point for the Slack handler", async () => {
    const { deps } = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: "C0CLI2" })],
      clock,
    });
    const ask = (text: string) =>
      answerDigestRequest({
        deps,
        channel: "C0CLI2",
        request: parsePapersCommand(text) as DigestRequest,
        now: clock.now(),
      });
    expect((await ask("topics add diffusion")).text).toBe("Topics: *diffusion*");
    expect((await ask("exclude add agents")).text).toBe("Excluded words: *agents*");
    expect((await ask("schedule 11:00 Europe/Berlin")).text).toContain(
      "11:00 Europe/Berlin, every day — next: Tuesday, 31 March 2026",
    );
    expect((await ask("settings")).text).toContain("*Topics:* *diffusion*");
    expect(JSON.stringify((await ask("digest preview")).blocks)).not.toContain("Agents that Plan");
    expect((await ask("digest off")).text).toContain("*off*");
    expect((await ask("digest now")).text).toBe("Posted the digest for Monday, 30 March 2026: 1 paper.");
    expect(digestsIn(stands.standIn, "C0CLI2")).toHaveLength(1);
  });

  it("createDigestFeature wires real clients for main.ts, and its Slack port answers commands and the App Home", async () => {
    const store = await createStateStore({ url: "memory://" });
    const feature = createDigestFeature({
      store,
      fileChannels: [channelConfig({ channel: "C0CLI", time: "09:30", topics: ["agents"] })],
      team: "T0PAPERS",
      slack: { token: stands.standIn.botToken, apiUrl: stands.standIn.apiUrl },
      hf: createHfClient({ baseUrl: stands.hf.server.url }),
      summarizer: {
        summarize: async (paper) => ({
          tldr: `About ${paper.title}`,
          origin: "llm",
          label: "AI summary (m)",
        }),
      },
      logger: silentLogger(),
      now: () => new Date("2026-03-31T09:40:00Z"),
    });
    const runs = await feature.scheduler.tick();
    expect(runs.map((run) => [run.channel, run.status, run.paperIds[0]])).toEqual([
      ["C0CLI", "posted", "2603.31002"],
    ]);
    expect(feature.posterStats?.()).toMatchObject({ posted: 1, rateLimited: 0 });

    const reply = await feature.channelDigests.handle(
      parsePapersCommand("topics add rlhf") as DigestRequest,
      {
        team: "T0PAPERS",
        channel: "C0CLI",
        user: "U0ADA",
      },
    );
    expect(reply.text).toBe("Topics: *agents*, *rlhf*");
    expect(await feature.channelDigests.describeForHome()).toContain("*Daily paper digest in <#C0CLI>: on*");
    // The zone cards name days in: the channel's, once set; UTC (the default) for a channel never set up.
    await feature.channelDigests.handle(
      parsePapersCommand("schedule 09:30 America/Los_Angeles") as DigestRequest,
      {
        team: "T0PAPERS",
        channel: "C0CLI",
        user: "U0ADA",
      },
    );
    expect(await feature.channelDigests.timezone("C0CLI")).toBe("America/Los_Angeles");
    expect(await feature.channelDigests.timezone("C0ELSEWHERE")).toBe("UTC");
  });
});
