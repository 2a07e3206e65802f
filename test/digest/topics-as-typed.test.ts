// Topics and excluded words as people type them in Slack, the fill setting, and what /papers settings and help say.
import { describe, expect, it } from "vitest";
import { channelConfigSchema } from "../../src/config/channel-config.ts";
import { findExcludedWord } from "../../src/digest/text-terms.ts";
import { renderUsage } from "../../src/slack/blocks/usage.ts";
import { parsePapersCommand } from "../../src/slack/commands/parse-papers-command.ts";
import { answerDigestRequest, type DigestRequest } from "../../src/slack/digest/digest-command.ts";
import { channelConfig, digestHarness, makePaper, testClock, useDigestStandIns } from "./digest-test-kit.ts";

const clock = testClock("2026-06-30T10:00:00Z");
const stands = useDigestStandIns(["C0TYPED"], clock, () => [
  makePaper("2606.00001", "Diffusion for Biomedical Imaging"),
  makePaper("2606.00002", "Medical Imaging Foundation Models"),
  makePaper("2606.00003", "Medically Grounded Agents"),
  makePaper("2606.00004", "Diffusion Policies for Robots"),
]);

async function channel(fields: Parameters<typeof channelConfig>[0] = { channel: "C0TYPED" }) {
  const { deps, settings } = await digestHarness({ ...stands, channels: [channelConfig(fields)], clock });
  const ask = async (text: string) =>
    (
      await answerDigestRequest({
        deps,
        channel: "C0TYPED",
        request: parsePapersCommand(text) as DigestRequest,
        now: clock.now(),
      })
    ).text;
  return { ask, settings };
}

describe("topics as people type them", () => {
  it("`topics add reinforcement learning` adds one topic, and the reply shows it as stored", async () => {
    const { ask, settings } = await channel();
    expect(await ask("topics add reinforcement learning")).toBe("Topics: *reinforcement learning*");
    expect((await settings.view("C0TYPED")).config.topics).toEqual(["reinforcement learning"]);
  });

  it("commas separate topics, and quotes still keep one together", async () => {
    const { ask, settings } = await channel();
    expect(await ask("topics add diffusion, reinforcement learning")).toBe(
      "Topics: *diffusion*, *reinforcement learning*",
    );
    expect(await ask('topics add "graph neural networks" robots')).toBe(
      "Topics: *diffusion*, *reinforcement learning*, *graph neural networks*, *robots*",
    );
    expect(await ask("topics set “world models”")).toBe("Topics: *world models*");
    expect((await settings.view("C0TYPED")).config.topics).toEqual(["world models"]);
  });

  it("shows topics stored split into words as they are, and removes them by the words together", async () => {
    const { ask } = await channel({ channel: "C0TYPED", topics: ["reinforcement", "learning", "diffusion"] });
    expect(await ask("settings")).toContain("*Topics:* *reinforcement*, *learning*, *diffusion*");
    expect(await ask("topics remove reinforcement learning")).toBe("Topics: *diffusion*");
    expect(await ask("topics remove world models")).toBe(
      "Topics: *diffusion* (not in the list: *world models*)",
    );
  });
});

describe("the fill setting", () => {
  it("is set in Slack with `/papers digest fill none|popular` and shown in the settings", async () => {
    const { ask, settings } = await channel();
    expect(await ask("settings")).toContain("the day's most upvoted papers fill the digest");
    expect(await ask("digest fill none")).toContain("only matching papers are posted");
    expect((await settings.view("C0TYPED")).config.fill).toBe("none");
    expect(await ask("settings")).toContain("*When few papers match:* only matching papers are posted");
    expect(parsePapersCommand("digest fill sometimes")).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("/papers digest fill none"),
    });
  });

  it("is validated in the config file with a clear message", () => {
    const bad = channelConfigSchema().safeParse({
      channel: "C0TYPED",
      time: "09:00",
      timezone: "UTC",
      fill: "everything",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      'use "popular" (top up with the day\'s most upvoted papers) or "none" (post only topic matches)',
    );
    expect(channelConfig({ channel: "C0TYPED" }).fill).toBe("popular");
  });
});

describe("excluded words as people mean them", () => {
  it("remove the word, its inflections and compounds ending in it, but not words that merely contain it", () => {
    const paper = (title: string) => makePaper("1", title, { abstract: "Nothing else here." });
    expect(findExcludedWord(paper("Diffusion for Biomedical Imaging"), ["medical"])).toBe("medical");
    expect(findExcludedWord(paper("Medical Imaging Foundation Models"), ["medical"])).toBe("medical");
    expect(findExcludedWord(paper("Medically Grounded Agents"), ["medical"])).toBe("medical");
    expect(findExcludedWord(paper("Foundation models for biomedical imaging"), ["medical imaging"])).toBe(
      "medical imaging",
    );
    expect(findExcludedWord(paper("Imaging the medical record"), ["medical imaging"])).toBeUndefined();
    expect(findExcludedWord(paper("Particle physics"), ["art"])).toBeUndefined();
    expect(findExcludedWord(paper("Surveys of agents"), ["survey"])).toBe("survey");
  });

  it("`/papers settings` says how many of today's candidates the exclusions removed", async () => {
    const { ask } = await channel({ channel: "C0TYPED", exclude: ["medical"] });
    expect(await ask("settings")).toContain(
      "*Excluded words:* *medical* — removed 3 papers of today's 4 candidates (Tuesday, 30 June 2026)",
    );
  });

  it("`/papers help` states the rule", () => {
    const help = JSON.stringify(renderUsage().blocks);
    expect(help).toContain("/papers exclude add medical");
    expect(help).toContain("a compound ending in it (_biomedical_, _medical imaging_)");
    expect(help).toContain("/papers topics add reinforcement learning");
    expect(help).toContain("separate several with commas");
  });
});
