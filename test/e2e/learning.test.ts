// End to end: a channel teaches paperboy with the card menu and /papers like|unlike; the next digest shows it.
import { describe, expect, it } from "vitest";
import { useTestBotWithSources } from "../support/bot-harness.ts";
import {
  eventually,
  firstResponse,
  papersCommand,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";
import { json } from "../support/http-stand-in.ts";
import { hfDailyOfSeeds } from "../support/seed-papers.ts";

const CHANNEL = "C0PAPERS";
// Hugging Face's daily papers: twelve seed papers, ranked by upvotes while the channel has taught nothing.
const daily = hfDailyOfSeeds(12);
const SCENE_FLOW = "2111.01253"; // "Neural Scene Flow Prior", the day's most upvoted
const SAIR = "2310.09285"; // "SAIR: Learning Semantic-aware Implicit Representation", 7th

/** The paper titles of a digest's cards, in order, and their reason lines. */
function cards(message: Record<string, unknown>): { title: string; reason: string }[] {
  const blocks = (message.blocks ?? []) as { type: string; text?: { text: string } }[];
  return blocks
    .filter((block) => block.type === "section" && block.text?.text.startsWith("*<https://arxiv.org/abs/"))
    .map((block) => {
      const lines = block.text?.text.split("\n") ?? [];
      return {
        title: /\|([^>]*)>/.exec(lines[0] ?? "")?.[1] ?? "",
        reason: lines.find((line) => /^_.*_$/.test(line))?.slice(1, -1) ?? "",
      };
    });
}

describe.each(TRANSPORTS)("a channel teaching paperboy over %s", (transport) => {
  const t = useTestBotWithSources(
    { transport },
    { hf: { env: "HF_API_URL", routes: { "/api/daily_papers": json(daily) } } },
  );

  const papers = (text: string) => papersCommand(t.standIn, text, { channel: CHANNEL });

  async function choose(value: string) {
    const click = await t.standIn.sendBlockAction({ actionId: "paper_menu", value, channel: CHANNEL });
    expect(click.status).toBe(200);
    return visibleText(await firstResponse(t.standIn, click.responseUrlId));
  }

  it("More/Less like this on digest cards changes the next digest's ranking and its reason lines", async () => {
    await papers("schedule 09:00 UTC daily");
    const before = await papers("digest preview");
    expect(cards(before)[0]?.title).toBe("Neural Scene Flow Prior");
    expect(cards(before).map((card) => card.reason)).not.toContain(expect.stringMatching(/you liked/));
    // Every card carries the one overflow menu with both options.
    expect(JSON.stringify(before.blocks)).toContain(`"value":"more:${SAIR}"`);
    expect(JSON.stringify(before.blocks)).toContain(`"value":"less:${SCENE_FLOW}"`);

    const more = await choose(`more:${SAIR}`);
    expect(more).toContain("rank papers like “SAIR: Learning Semantic-aware Implicit Representation” higher");
    expect(more).toContain("likes 1 paper");
    const less = await choose(`less:${SCENE_FLOW}`);
    expect(less).toContain("rank papers like “Neural Scene Flow Prior” lower");

    const after = cards(await papers("digest preview"));
    expect(after[0]?.title).toBe("SAIR: Learning Semantic-aware Implicit Representation");
    expect(after[0]?.reason).toBe("like “SAIR: Learning Semantic-aware Implicit Representation” you liked");
    const position = (list: { title: string }[], title: string) =>
      list.findIndex((card) => card.title === title);
    expect(position(after, "Neural Scene Flow Prior")).toBe(-1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("/papers like, unlike, settings and settings reset learning", async () => {
    const liked = visibleText(await papers("like https://arxiv.org/abs/2403.10255v2"));
    expect(liked).toContain("Arbitrary-Scale Image Generation");
    const settings = visibleText(await papers("settings"));
    expect(settings).toMatch(/What this channel taught paperboy.*more like 2 papers/s);
    expect(settings).toContain("Arbitrary-Scale Image Generation");
    expect(settings).toContain("fewer like 1");

    expect(visibleText(await papers("unlike 2403.10255"))).toContain("no longer shapes");
    expect(visibleText(await papers("unlike 2403.10255"))).toContain("nothing changed");
    expect(visibleText(await papers("like not-a-paper"))).toContain("Say which paper");

    expect(visibleText(await papers("settings reset learning"))).toContain(
      "the 2 papers this channel liked or disliked",
    );
    expect(visibleText(await papers("settings"))).toContain("taught paperboy*: nothing yet");
    const plain = cards(await papers("digest preview"));
    expect(plain[0]?.title).toBe("Neural Scene Flow Prior");
    expect(plain.every((card) => !card.reason.includes("you liked"))).toBe(true);
    expect(visibleText(await papers("help"))).toContain("/papers settings reset learning");
  });

  it("saving and sharing a paper count as a (weaker) liking in that channel, never overriding an explicit one", async () => {
    await papers("settings reset learning");
    await t.standIn.sendBlockAction({ actionId: "paper_save", value: SAIR, channel: CHANNEL });
    await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2403.10255", channel: CHANNEL });
    await choose(`less:${SCENE_FLOW}`);
    await t.standIn.sendBlockAction({ actionId: "paper_save", value: SCENE_FLOW, channel: CHANNEL });
    const settings = visibleText(await papers("settings"));
    expect(settings).toContain(
      "more like 2 papers (0 asked for, 2 from saves, discussions, shares and replies)",
    );
    expect(settings).toContain("fewer like 1");
    const after = cards(await papers("digest preview"));
    expect(after.findIndex((card) => card.title === "Neural Scene Flow Prior")).toBe(-1);
    expect(after[0]?.reason).toMatch(/you liked$/);
  });

  it("search results carry the menu too, and choosing from it teaches the channel the search was typed in", async () => {
    await papers("settings reset learning");
    const results = await papers("regularization");
    expect(JSON.stringify(results.blocks)).toContain('"action_id":"paper_menu"');
    const more = await choose("more:2404.12754");
    expect(more).toContain("rank papers like “Adaptive Regularization of Representation Rank");
    expect(visibleText(await papers("settings"))).toContain("more like 1 paper (1 asked for");
  });

  it("Discuss, a reply in the paper's thread and a 🔖 on it each count for the channel", async () => {
    t.standIn.reset(); // the channel's earlier messages (a share) are not this discussion
    await papers("settings reset learning");
    const taught = async () => /more like (\d+) paper/.exec(visibleText(await papers("settings")))?.[1];
    await t.standIn.sendBlockAction({ actionId: "paper_discuss", value: SAIR, channel: CHANNEL });
    const [root] = await waitForMessages(t.standIn, CHANNEL);
    if (!root) throw new Error("no discussion posted");
    await eventually(async () => (await taught()) === "1", 5_000, "the Discuss counted");
    await eventually(() => t.bot.services.discussions.paperForThread(CHANNEL, root.ts), 5_000, "the thread");

    await papers("settings reset learning");
    await t.standIn.sendUserMessage({
      text: "Nice idea!",
      threadTs: root.ts,
      user: "U0GRACE",
      channel: CHANNEL,
    });
    await eventually(async () => (await taught()) === "1", 5_000, "the reply counted");

    await papers("settings reset learning");
    await t.standIn.addUserReaction({ user: "U0GRACE", channel: CHANNEL, ts: root.ts, name: "bookmark" });
    await eventually(async () => (await taught()) === "1", 5_000, "the 🔖 counted");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
