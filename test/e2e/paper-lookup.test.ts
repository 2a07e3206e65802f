// End to end: `/papers <arXiv id or URL>` shows that paper's card; an unknown paper comes from Hugging Face.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { buttonsIn, firstResponse, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { fixture, type HttpStandIn, startHttpStandIn } from "../support/http-stand-in.ts";

const HF_ONLY = "2407.13168"; // SciCode, in test/fixtures/hf-paper-detail.json, not among the seed papers

describe.each(TRANSPORTS)("/papers <paper> over %s", (transport) => {
  let t: TestBot;
  let hf: HttpStandIn;
  beforeAll(async () => {
    hf = await startHttpStandIn({ [`/api/papers/${HF_ONLY}`]: fixture("hf-paper-detail.json") });
    // A lookup waits for the sources at most the remote timeout: long enough here for a stand-in's first answer.
    t = await startTestBot({ transport, env: { HF_API_URL: hf.url, PAPERBOY_REMOTE_TIMEOUT_MS: "3000" } });
  });
  afterAll(async () => {
    await t?.close();
    await hf?.close();
  });
  beforeEach(() => t.standIn.reset());

  it.each(["2111.01253", "https://arxiv.org/abs/2111.01253v2", "https://huggingface.co/papers/2111.01253"])(
    "`/papers %s` answers with that paper's card",
    async (text) => {
      const result = await t.standIn.sendSlashCommand({ text });
      const body = await firstResponse(t.standIn, result.responseUrlId);
      expect(body.response_type).toBe("ephemeral");
      expect(visibleText(body)).toContain("Neural Scene Flow Prior");
      expect(buttonsIn(body).map((button) => [button.action_id, button.value])).toEqual([
        ["paper_share", "2111.01253"],
        ["paper_summarize", "2111.01253"],
        ["paper_discuss", "2111.01253"],
        ["paper_save", "2111.01253"],
      ]);
      expect(t.standIn.messages("C0PAPERS")).toEqual([]);
      expect(t.standIn.rejected()).toEqual([]);
    },
  );

  it("fetches a paper missing from the index from Hugging Face, shows it, and keeps it in the index", async () => {
    expect(t.bot.services.index.get(HF_ONLY)).toBeUndefined();
    const result = await t.standIn.sendSlashCommand({ text: `https://huggingface.co/papers/${HF_ONLY}` });
    const body = await firstResponse(t.standIn, result.responseUrlId);
    expect(visibleText(body)).toContain("SciCode: A Research Coding Benchmark Curated by Scientists");
    expect(visibleText(body)).toContain("Found on Hugging Face");
    expect(hf.count(`/api/papers/${HF_ONLY}`)).toBe(1);
    expect(t.bot.services.index.get(HF_ONLY)?.title).toContain("SciCode");

    // The second time it comes from the index: Hugging Face is not asked again.
    const again = await t.standIn.sendSlashCommand({ text: HF_ONLY });
    expect(visibleText(await firstResponse(t.standIn, again.responseUrlId))).toContain("SciCode");
    expect(hf.count(`/api/papers/${HF_ONLY}`)).toBe(1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("says where a paper was not found, and that arXiv (down here) could not be asked, rather than 'no such paper'", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "2501.99999" });
    const body = await firstResponse(t.standIn, result.responseUrlId);
    expect(visibleText(body)).toContain(
      "2501.99999 is not in the local index or on Hugging Face, and arXiv could not be reached",
    );
    expect(visibleText(body)).not.toContain("No paper 2501.99999 was found");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
