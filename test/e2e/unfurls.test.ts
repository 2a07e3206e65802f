// End to end: pasted arXiv / Hugging Face / alphaxiv links unfurl with the paper card; pasted URLs are never fetched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { settle, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { fixture, type HttpStandIn, startHttpStandIn } from "../support/http-stand-in.ts";

describe.each(TRANSPORTS)("unfurls over %s", (transport) => {
  let t: TestBot;
  let hf: HttpStandIn;
  beforeAll(async () => {
    hf = await startHttpStandIn({ "/api/papers/2407.13168": fixture("hf-paper-detail.json") });
    t = await startTestBot({ transport, env: { HF_API_URL: hf.url } });
  });
  afterAll(async () => {
    await t?.close();
    await hf?.close();
  });
  beforeEach(() => t.standIn.reset());

  it.each([
    ["arxiv.org", "https://arxiv.org/abs/2111.01253v2", "Neural Scene Flow Prior"],
    ["huggingface.co/papers", "https://huggingface.co/papers/2111.01253", "Neural Scene Flow Prior"],
    ["alphaxiv.org", "https://www.alphaxiv.org/abs/2111.01253", "Neural Scene Flow Prior"],
    ["a paper new to the index", "https://arxiv.org/abs/2407.13168", "SciCode"],
  ])("a pasted %s link unfurls with the paper card", async (_what, url, title) => {
    await t.standIn.sendUserMessage({ text: `have a look: <${url}>` });
    const [unfurl] = await t.standIn.waitFor(() => {
      const unfurls = t.standIn.unfurls();
      return unfurls.length > 0 ? unfurls : undefined;
    });
    expect(Object.keys(unfurl?.unfurls ?? {})).toEqual([url]);
    expect(visibleText(unfurl?.unfurls[url])).toContain(title);
    expect(t.standIn.messages("C0PAPERS")).toHaveLength(1); // the user's own message, nothing from the bot
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("a link that is not a paper is not unfurled", async () => {
    await t.standIn.sendUserMessage({
      text: "models: <https://huggingface.co/models/gpt2> and <https://arxiv.org/list/cs.LG/recent>",
    });
    await settle();
    expect(t.standIn.calls("chat.unfurl")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("never fetches a pasted URL, even one pointing at a configured source host", async () => {
    const sneaky = [
      `${hf.url}/internal/admin?next=2111.01253`,
      `${hf.url}/papers/2501.00042/../../internal/secrets`,
      `https://huggingface.co/papers/2501.00077?u=${encodeURIComponent(`${hf.url}/internal/redirect`)}`,
    ];
    await t.standIn.sendEvent({
      type: "link_shared",
      channel: "C0PAPERS",
      is_bot_user_member: true,
      user: "U0ADA",
      message_ts: "1700000000.000100",
      links: sneaky.map((url) => ({ domain: new URL(url).hostname, url })),
      source: "conversations_history",
      unfurl_id: "C0PAPERS.1700000000.000100",
    });
    await settle();
    expect(hf.requests.filter((request) => request.path.startsWith("/internal"))).toEqual([]);
    // Only paper ids parsed from links reach the configured source, through its own API paths.
    for (const request of hf.requests) expect(request.path).toMatch(/^\/api\/papers\/\d{4}\.\d{5}$/);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
