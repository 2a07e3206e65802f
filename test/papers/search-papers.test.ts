import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { missingPaperText } from "../../src/papers/missing-paper.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { createPaperSearch, type RemoteSource } from "../../src/papers/search-papers.ts";
import { createArxivClient } from "../../src/papers/sources/arxiv-api.ts";
import { createHfClient } from "../../src/papers/sources/hf.ts";
import { fixture, type HttpStandIn, json, slow, startHttpStandIn } from "../support/http-stand-in.ts";
import { seedPapers } from "../support/seed-papers.ts";

/** Hugging Face's search answer (same item shape as daily papers) for the given papers. */
function hfSearchAnswer(papers: Paper[]) {
  return papers.map((paper) => ({
    paper: {
      id: paper.id,
      title: paper.title,
      summary: paper.abstract,
      authors: [{ name: "Ada Lovelace", hidden: false }],
      publishedAt: "2024-05-01T00:00:00.000Z",
      upvotes: 12,
    },
  }));
}

const regularizationPapers = seedPapers().filter((p) => /regulariz/i.test(p.title));

let standIns: HttpStandIn[] = [];
let indexes: PaperIndex[] = [];
afterEach(async () => {
  await Promise.all(standIns.map((s) => s.close()));
  for (const index of indexes) index.close();
  standIns = [];
  indexes = [];
});

async function hfStandIn(routes: Parameters<typeof startHttpStandIn>[0]) {
  const standIn = await startHttpStandIn(routes);
  standIns.push(standIn);
  return standIn;
}

function emptyIndex(): PaperIndex {
  const index = openPaperIndex({ path: ":memory:" });
  indexes.push(index);
  return index;
}

function searchWith(
  index: PaperIndex,
  baseUrl: string,
  timeoutMs = 1_000,
  extra: RemoteSource[] = [],
  options: { cooldownMs?: number; now?: () => number; maxInFlight?: number } = {},
) {
  const hf = createHfClient({ baseUrl });
  const remotes: RemoteSource[] = [
    {
      name: "hf",
      search: (q, o) => hf.search(q, o),
      byId: (id) => hf.paper(id),
      ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
    },
    ...extra,
  ];
  return createPaperSearch({
    index,
    remotes,
    timeoutMs,
    logger: silentLogger(),
    ...(options.cooldownMs !== undefined ? { cooldownMs: options.cooldownMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

describe("search beyond the local index", () => {
  it("answers from Hugging Face on an empty index, then finds the same papers locally with Hugging Face gone", async () => {
    const hf = await hfStandIn({ "/api/papers/search": json(hfSearchAnswer(regularizationPapers)) });
    const index = emptyIndex();

    const first = await searchWith(index, hf.url).search("regularization", { limit: 10 });
    expect(first.hits.length).toBe(10);
    expect(first.hits.every((hit) => hit.foundVia === "hf")).toBe(true);
    expect(first.hits.every((hit) => /regulariz/i.test(hit.paper.title))).toBe(true);
    expect(hf.requests[0]?.query.get("q")).toBe("regularization");

    await hf.close();
    const second = await searchWith(index, hf.url).search("regularization", { limit: 10 });
    expect(second.hits.map((hit) => hit.paper.id).sort()).toEqual(
      first.hits.map((hit) => hit.paper.id).sort(),
    );
    expect(second.hits.every((hit) => hit.foundVia === "local")).toBe(true);
    expect(second.unreachable).toEqual(["hf"]);
  });

  it("costs at most the timeout when a source hangs, and answers from the index without an error", async () => {
    const hf = await hfStandIn({ "/api/papers/search": slow(10_000, json([])) });
    const index = emptyIndex();
    index.upsert(seedPapers());
    const started = performance.now();
    const outcome = await searchWith(index, hf.url, 300).search("regularization", { limit: 5 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(outcome.hits).toHaveLength(5);
    expect(outcome.unreachable).toEqual(["hf"]);
  });

  it("skips the remote sources with local: true", async () => {
    const hf = await hfStandIn({ "/api/papers/search": json(hfSearchAnswer(regularizationPapers)) });
    const outcome = await searchWith(emptyIndex(), hf.url).search("regularization", { local: true });
    expect(outcome.hits).toEqual([]);
    expect(hf.count()).toBe(0);
  });

  it("asks a source once per query while its answer is fresh", async () => {
    const hf = await hfStandIn({ "/api/papers/search": json(hfSearchAnswer(regularizationPapers)) });
    const search = searchWith(emptyIndex(), hf.url);
    await search.search("regularization");
    await search.search("  Regularization ");
    expect(hf.count("/api/papers/search")).toBe(1);
  });

  it("leaves a failed source alone for the cool-down, then asks it again rather than remembering nothing was there", async () => {
    const hf = await hfStandIn({ "/api/papers/search": { status: 503 } });
    let clock = 1_000_000;
    const search = searchWith(emptyIndex(), hf.url, 1_000, [], { cooldownMs: 30_000, now: () => clock });
    await search.search("regularization");
    const cooling = await search.search("regularization");
    expect(cooling.unreachable).toEqual(["hf"]);
    expect(hf.count("/api/papers/search")).toBe(1);
    clock += 30_001;
    hf.setRoute("/api/papers/search", json(hfSearchAnswer(regularizationPapers)));
    const outcome = await search.search("regularization");
    expect(outcome.hits.length).toBeGreaterThan(0);
  });

  it("asks the sources once for many people searching the same thing at the same moment", async () => {
    const hf = await hfStandIn({
      "/api/papers/search": slow(200, json(hfSearchAnswer(regularizationPapers))),
    });
    const search = searchWith(emptyIndex(), hf.url);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => search.search("regularization")));
    expect(hf.count("/api/papers/search")).toBe(1);
    for (const outcome of outcomes) expect(outcome.hits.length).toBe(10);
  });

  it("skips a source that already has its limit of searches in flight instead of queueing behind them", async () => {
    const hf = await hfStandIn({
      "/api/papers/search": slow(300, json(hfSearchAnswer(regularizationPapers))),
    });
    const index = emptyIndex();
    index.upsert(seedPapers());
    const search = searchWith(index, hf.url, 2_000, [], { maxInFlight: 1 });
    const [first, second] = await Promise.all([search.search("regularization"), search.search("dropout")]);
    expect(hf.count("/api/papers/search")).toBe(1);
    expect(first.hits.length).toBeGreaterThan(0);
    expect(second.unreachable).toEqual([]);
  });

  it("asks arXiv when Hugging Face has too little", async () => {
    const hf = await hfStandIn({ "/api/papers/search": json([]) });
    const arxivStandIn = await hfStandIn({ "/api/query": fixture("arxiv-api-current-layout.xml") });
    const arxivClient = createArxivClient({ baseUrl: `${arxivStandIn.url}/api/query`, minGapMs: 0 });
    const arxiv: RemoteSource = {
      name: "arxiv",
      search: (q, o) => arxivClient.search(q, o),
      byId: (id) => arxivClient.byId(id),
    };
    const outcome = await searchWith(emptyIndex(), hf.url, 2_000, [arxiv]).search("diffusion", { limit: 5 });
    expect(arxivStandIn.count("/api/query")).toBe(1);
    expect(outcome.hits.length).toBeGreaterThan(0);
    expect(outcome.hits.some((hit) => hit.foundVia === "arxiv")).toBe(true);
  });

  it("fetches a paper asked for by id or URL that the index lacks, and keeps it", async () => {
    const hf = await hfStandIn({ "/api/papers/": fixture("hf-paper-detail.json") });
    const index = emptyIndex();
    const outcome = await searchWith(index, hf.url).search("https://huggingface.co/papers/2407.13168");
    expect(outcome.paperId).toBe("2407.13168");
    expect(outcome.hits.map((hit) => [hit.paper.id, hit.foundVia])).toEqual([["2407.13168", "hf"]]);
    expect(index.get("2407.13168")?.title).toMatch(/SciCode/);
  });

  it("looks a paper up within the remote timeout when the sources hang, and names them as not reached", async () => {
    const hf = await hfStandIn({ "/api/papers/": slow(10_000, fixture("hf-paper-detail.json")) });
    const arxivStandIn = await hfStandIn({ "/api/query": slow(10_000, fixture("arxiv-api-empty.xml")) });
    const arxivClient = createArxivClient({ baseUrl: `${arxivStandIn.url}/api/query`, minGapMs: 0 });
    const arxiv: RemoteSource = {
      name: "arxiv",
      search: (q, o) => arxivClient.search(q, o),
      byId: (id, o) => arxivClient.byId(id, o),
    };
    const search = searchWith(emptyIndex(), hf.url, 400, [arxiv]);
    const started = performance.now();
    const outcome = await search.lookup("2501.00001");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(outcome.paper).toBeUndefined();
    expect(outcome.unreachable).toEqual(["hf", "arxiv"]);
    expect(missingPaperText("2501.00001", outcome)).toMatch(/could not be reached/);
  });

  it("says a paper was not found only when every source answered that it has none", async () => {
    const hf = await hfStandIn({ "/api/papers/": json({ error: "Not found" }, 404) });
    const arxivStandIn = await hfStandIn({ "/api/query": fixture("arxiv-api-empty.xml") });
    const arxivClient = createArxivClient({ baseUrl: `${arxivStandIn.url}/api/query`, minGapMs: 0 });
    const arxiv: RemoteSource = {
      name: "arxiv",
      search: (q, o) => arxivClient.search(q, o),
      byId: (id, o) => arxivClient.byId(id, o),
    };
    const outcome = await searchWith(emptyIndex(), hf.url, 2_000, [arxiv]).lookup("2501.00001");
    expect(outcome).toEqual({ unreachable: [] });
    expect(arxivStandIn.count("/api/query")).toBe(1);
    expect(missingPaperText("2501.00001", outcome)).toBe(
      "No paper 2501.00001 was found in the index, on Hugging Face or on arXiv.",
    );
  });

  it("returns exactly the paper for an id already in the index, without asking anyone", async () => {
    const hf = await hfStandIn({});
    const index = emptyIndex();
    index.upsert(seedPapers());
    const outcome = await searchWith(index, hf.url).search("2302.06675");
    expect(outcome.hits.map((hit) => hit.paper.id)).toEqual(["2302.06675"]);
    expect(hf.count()).toBe(0);
  });
});
