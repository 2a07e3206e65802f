// End to end: *Summarize* gives a labelled TL;DR (LLM or fallback); a search never waits for the LLM.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { firstResponse, paperIdsIn, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const PAPER = "2111.01253"; // Neural Scene Flow Prior

describe.each(TRANSPORTS)("Summarize with an LLM over %s", (transport) => {
  let t: TestBot;
  let llm: OpenAiStandIn;
  beforeAll(async () => {
    llm = await startOpenAiStandIn();
    t = await startTestBot({
      transport,
      env: { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: "sk-test", OPENAI_TIMEOUT_MS: "3000" },
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });
  beforeEach(() => {
    t.standIn.reset();
    llm.setMode({ kind: "ok" });
  });

  it("answers the person who clicked with the paper's AI TL;DR, its label and the three bullets", async () => {
    const search = await t.standIn.sendSlashCommand({ text: "neural scene flow prior" });
    expect(paperIdsIn(await firstResponse(t.standIn, search.responseUrlId))).toContain(PAPER);
    const click = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: PAPER });
    const body = await firstResponse(t.standIn, click.responseUrlId);
    expect(body.response_type).toBe("ephemeral");
    expect(body.replace_original).toBe(false);
    const text = visibleText(body);
    expect(text).toContain('*TL;DR* The paper "Neural Scene Flow Prior" proposes a simple regularizer');
    expect(text).toContain("_AI summary (gpt-4o-mini)_");
    // The same bolded bullets as a discussion message (renderSummaryBullets), not plain "Problem:" lines.
    expect(text).toMatch(/\*Problem\* .+\n\*Method\* .+\n\*Result\* .+/);
    expect(text).not.toContain("Problem:");
    expect(t.standIn.messages("C0PAPERS")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("a search never waits for the LLM: with the LLM hanging it answers at once, cached TL;DR or snippet", async () => {
    // Summarized above (or now), so its TL;DR is cached; the other hits were never summarized.
    const warm = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: PAPER });
    await firstResponse(t.standIn, warm.responseUrlId);
    llm.setMode({ kind: "hang" });
    const callsBefore = llm.calls;

    const started = performance.now();
    const search = await t.standIn.sendSlashCommand({ text: "scene flow" });
    const body = await firstResponse(t.standIn, search.responseUrlId, 2_000);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(llm.calls).toBe(callsBefore);
    const ids = paperIdsIn(body);
    expect(ids[0]).toBe(PAPER);
    expect(ids.length).toBeGreaterThan(1);
    const text = visibleText(body);
    // One TL;DR (the cached one), the other cards show their snippets.
    expect(text.match(/\*TL;DR\*/g)).toHaveLength(1);
    expect(text).toContain("_AI summary (gpt-4o-mini)_");
    expect(t.standIn.rejected()).toEqual([]);
  });
});

describe.each(TRANSPORTS)("Summarize without an LLM over %s", (transport) => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ transport });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers with the labelled fallback: an extract from the abstract", async () => {
    const click = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: PAPER });
    const text = visibleText(await firstResponse(t.standIn, click.responseUrlId));
    expect(text).toContain("*TL;DR* ");
    expect(text).toContain("_Extract from the abstract_");
    expect(text).not.toContain("AI summary");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
