// One paper, one entry: v1 then v2 from another source is shown once (unless the channel asks), and summaries are per version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCandidateFetcher } from "../../src/digest/candidate-fetcher.ts";
import { runDigest } from "../../src/digest/run-digest.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { createArxivFeedClient } from "../../src/papers/sources/arxiv-feed.ts";
import { createHfClient } from "../../src/papers/sources/hf.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { createOpenAiLlmClient } from "../../src/summaries/openai-llm-client.ts";
import { type HttpStandIn, readFixture, startHttpStandIn } from "../support/http-stand-in.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  type Harness,
  type HfStandIn,
  makePaper,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "./digest-test-kit.ts";

const CHANNEL = "C0VERSIONS";
const clock = testClock("2026-03-30T09:00:00Z");
const revised = makePaper("2603.00001", "Sparse Attention for Long Documents", {
  abstract: "We study sparse attention for long documents. Version two adds a proof of convergence.",
  upvotes: 3,
});
const other = makePaper("2603.00002", "Graph Networks for Weather", { upvotes: 9 });

// The arXiv feed's items for the day: the recorded item rewritten as `arXiv:<id>v<N> Announce Type: <type>`.
const recorded = readFixture("arxiv-rss-example.xml");
const recordedItem = /<item>[\s\S]*<\/item>/.exec(recorded)?.[0] ?? "";
function rss(items: Array<{ paper: Paper; version: number; type: string }>): string {
  const body = items.map(({ paper, version, type }) =>
    recordedItem
      .replaceAll("2203.01250v3", `${paper.id}v${version}`)
      .replaceAll("2203.01250", paper.id)
      .replace(/<title>[^<]*<\/title>/, `<title>${paper.title}</title>`)
      .replace(/Abstract: [\s\S]*?<\/description>/, `Abstract: ${paper.abstract}</description>`)
      .replaceAll("replace-cross", type),
  );
  return recorded.replace(recordedItem, body.join("\n"));
}

let feedItems: Array<{ paper: Paper; version: number; type: string }> = [];
let hfPapers: Paper[] = [];
let standIn: SlackStandIn;
let hf: HfStandIn;
let feed: HttpStandIn;
let llm: OpenAiStandIn;
let h: Harness;

beforeAll(async () => {
  standIn = await startSlackStandIn({ workspace: workspaceWith([CHANNEL]), now: clock.ms });
  hf = await startHfStandIn(() => hfPapers);
  feed = await startHttpStandIn({
    "/cs.LG": () => ({
      status: 200,
      headers: { "content-type": "application/rss+xml" },
      body: rss(feedItems),
    }),
  });
  llm = await startOpenAiStandIn();
  const logger = silentLogger();
  h = await digestHarness({
    standIn,
    hf,
    clock,
    channels: [channelConfig({ channel: CHANNEL, sources: ["arxiv:cs.LG", "hf"], maxPapers: 5 })],
    llm: createOpenAiLlmClient({ apiKey: "sk-test", baseURL: llm.baseURL, model: "test-model", logger }),
  });
  h.deps.candidates = createCandidateFetcher({
    hf: createHfClient({ baseUrl: hf.server.url, timeoutMs: 2_000 }),
    arxiv: createArxivFeedClient({ baseUrl: feed.url, timeoutMs: 2_000 }),
    index: h.index,
    store: h.store,
    logger,
    cacheMs: 0,
    now: clock.ms,
  });
});
afterAll(async () => {
  await Promise.all([standIn?.close(), hf?.server.close(), feed?.close(), llm?.close()]);
});

async function digestOn(date: string) {
  clock.set(`${date}T09:00:00Z`);
  const run = await runDigest({ deps: h.deps, channel: CHANNEL, now: clock.now() });
  expect(run.status).toBe("posted");
  return run;
}

describe("arXiv versions of one paper", () => {
  it("shows v1, then not v2 from another source, unless the channel asks for new versions; summarises each version once", async () => {
    // Day 1: the arXiv feed announces v1.
    feedItems = [{ paper: revised, version: 1, type: "new" }];
    hfPapers = [];
    expect((await digestOn("2026-03-30")).paperIds).toEqual([revised.id]);
    expect(llm.calls).toBe(1);

    // Day 2: Hugging Face features it (no version) and the feed lists v2: the same paper, not shown again.
    feedItems = [{ paper: revised, version: 2, type: "cross" }];
    hfPapers = [revised, other];
    const second = await digestOn("2026-03-31");
    expect(second.paperIds).toEqual([other.id]);
    expect(second.digest?.repeats).toEqual([revised.id]);
    expect(llm.calls).toBe(2);

    // Day 3: the channel asks for new versions: v2 comes back once, marked; it gets its own summary.
    await h.settings.update(CHANNEL, { repeats: "new-versions" });
    const third = await digestOn("2026-04-01");
    expect(third.paperIds).toEqual([revised.id]);
    expect(third.digest?.entries[0]?.newVersion).toBe(2);
    expect(JSON.stringify(digestsIn(standIn, CHANNEL).at(-1)?.blocks)).toContain(
      "new version (v2) of a paper shown here before",
    );
    expect(llm.calls).toBe(3);

    // Day 4: v2 again is a repeat now.
    const fourth = await runDigest({ deps: h.deps, channel: CHANNEL, now: new Date("2026-04-02T09:00:00Z") });
    expect(fourth.paperIds).toEqual([]);

    // v1 asked for again, from a source that spaces its abstract differently: the cached v1 summary.
    const v1 = { ...revised, abstract: `  ${revised.abstract}\n`, version: 1, source: "arxiv" as const };
    expect((await h.deps.summarizer.summarize(v1)).origin).toBe("cache");
    expect((await h.deps.summarizer.summarize({ ...revised, version: 2 })).origin).toBe("cache");
    expect(llm.calls).toBe(3);
  });
});
