// End to end: the bot with OPENAI_EMBEDDING_MODEL set, vectors from the embeddings stand-in, similar papers in Slack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { conceptEmbedding } from "../support/concept-embeddings.ts";
import { firstResponse, paperIdsIn, visibleText } from "../support/e2e-helpers.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const SCREENER: Paper = {
  id: "2511.16566",
  title: "NutriScreener: Retrieval-Augmented Multi-Pose Graph Attention Network for Malnourishment Screening",
  abstract: "Child malnutrition remains a global crisis. We screen kids for malnourishment from images.",
  authors: ["A. Author"],
  categories: ["cs.CV"],
  publishedAt: "2025-11-20",
  source: "file",
};
const PHOTOS: Paper = {
  ...SCREENER,
  id: "2511.00001",
  title: "Detecting Objects in Street Photos",
  abstract: "We are detecting cars and signs in photos taken by dashboard cameras.",
};

describe("semantic search and similar papers through the real bot", () => {
  let t: TestBot;
  let server: OpenAiStandIn;
  const inputs = () =>
    server.embeddings.requests.flatMap((r) => (Array.isArray(r.input) ? r.input : [r.input]));

  beforeAll(async () => {
    server = await startOpenAiStandIn();
    server.embeddings.embed = conceptEmbedding;
    t = await startTestBot({
      env: {
        OPENAI_BASE_URL: server.baseURL,
        OPENAI_API_KEY: "sk-test",
        OPENAI_EMBEDDING_MODEL: "concepts-1",
      },
    });
    t.bot.services.index.upsert([SCREENER, PHOTOS]);
    await t.bot.services.index.embedPending();
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("computes every paper's vector on the embeddings server, once", async () => {
    const papers = t.bot.services.index.count();
    expect(papers).toBe(68); // the 66 sample papers and the two above
    const paperTexts = inputs().filter((text) => text.includes("\n"));
    expect(paperTexts).toHaveLength(papers);
    expect(new Set(paperTexts).size).toBe(papers);
    expect(server.embeddings.requests.every((r) => r.model === "concepts-1")).toBe(true);
    // The same papers again (a re-ingest of the same version) cost no embedding.
    t.bot.services.index.upsert([SCREENER, PHOTOS]);
    await t.bot.services.index.embedPending();
    expect(inputs().filter((text) => text.includes("\n"))).toHaveLength(papers);
  });

  it("/papers with a plain-language question finds the paper that shares none of its words", async () => {
    const result = await t.standIn.sendSlashCommand({
      text: "detecting undernourished children from photos",
    });
    const body = await firstResponse(t.standIn, result.responseUrlId);
    expect(paperIdsIn(body)).toContain(SCREENER.id);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("/papers similar <url> answers with papers like it, rendered like search results", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "similar https://arxiv.org/abs/2501.04697v2" });
    const body = await firstResponse(t.standIn, result.responseUrlId);
    expect(visibleText(body)).toContain("Papers like “Grokking at the Edge of Numerical Stability”");
    const ids = paperIdsIn(body);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain("2501.04697");
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("*Similar papers* in a card's menu answers with papers like that card's paper", async () => {
    const search = await t.standIn.sendSlashCommand({ text: "malnourishment screening" });
    const results = await firstResponse(t.standIn, search.responseUrlId);
    expect(paperIdsIn(results)[0]).toBe(SCREENER.id);
    // Every card's actions end with the menu; its *Similar papers* option names the card's paper.
    const menus =
      JSON.stringify(results.blocks).match(/"action_id":"paper_menu","options":\[[^\]]*\]/g) ?? [];
    expect(menus).toHaveLength(paperIdsIn(results).length);
    expect(menus[0]).toContain(`"text":"Similar papers"},"value":"similar:${SCREENER.id}"`);
    const click = await t.standIn.sendBlockAction({
      actionId: "paper_menu",
      value: `similar:${SCREENER.id}`,
    });
    expect(click.status).toBe(200);
    const body = await firstResponse(t.standIn, click.responseUrlId);
    expect(visibleText(body)).toContain("Papers like “NutriScreener");
    expect(paperIdsIn(body)).not.toContain(SCREENER.id);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("says what to type when /papers similar names no paper", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "similar grokking" });
    expect(visibleText(await firstResponse(t.standIn, result.responseUrlId))).toContain(
      "/papers similar 2302.06675",
    );
  });
});
