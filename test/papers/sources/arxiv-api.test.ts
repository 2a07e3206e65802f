// arXiv query API: parsing both live Atom layouts and its errors, and the client's paging, errors and 3 s gap.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArxivClient, parseArxivFeed } from "../../../src/papers/sources/arxiv-api.ts";
import { buildArxivSearchQuery } from "../../../src/papers/sources/arxiv-search-query.ts";
import type { SourceError } from "../../../src/papers/sources/http-get.ts";
import {
  fixture,
  type HttpStandIn,
  readFixture,
  type StandInRequest,
  slow,
  startHttpStandIn,
  status,
} from "../../support/http-stand-in.ts";
import { thrown } from "../../support/thrown.ts";

describe("parseArxivFeed", () => {
  it("reads the current layout (bare <link href>s): ids, dates, primary category first, comment, PDF", () => {
    const feed = parseArxivFeed(readFixture("arxiv-api-current-layout.xml"));
    expect(feed.totalResults).toBe(100);
    expect(feed.startIndex).toBe(0);
    expect(feed.papers).toHaveLength(10);
    expect(feed.papers[0]).toEqual({
      id: "1506.07840",
      version: 1,
      title: "Diffusion Nets",
      abstract: expect.stringMatching(/^Non-linear manifold learning enables .* and the pre-image\.$/),
      authors: ["Gal Mishne", "Uri Shaham", "Alexander Cloninger", "Israel Cohen"],
      categories: ["stat.ML", "cs.LG", "math.CA"],
      publishedAt: "2015-06-25",
      updatedAt: "2015-06-26",
      comment: "24 pages, 12 figures",
      source: "arxiv",
    });
    expect(feed.pdfUrls["1506.07840"]).toBe("https://arxiv.org/pdf/1506.07840v1");
    expect(Object.keys(feed.pdfUrls)).toHaveLength(10);
    // Every version is one paper: the id is bare, the version kept apart (it keys the summary).
    expect(feed.papers.find((paper) => paper.id === "2311.05385")?.version).toBe(2);
  });

  it("reads the legacy recorded layout (affiliations, DOIs, related links) and old-style ids", () => {
    const feed = parseArxivFeed(readFixture("arxiv-api-legacy-layout.xml"));
    expect(feed.totalResults).toBe(7432);
    expect(feed.papers.map((p) => p.id)).toContain("nucl-ex/0408020");
    expect(feed.papers.map((p) => p.id)).toContain("nucl-th/9910021");
    const proton = feed.papers.find((p) => p.id === "1309.4668");
    expect(proton?.authors.length).toBeGreaterThan(0);
    // The DOI link (rel="related", doi.org) must not be mistaken for the PDF.
    expect(feed.pdfUrls["1309.4668"]).toBe("https://arxiv.org/pdf/1309.4668v1");
    expect(feed.papers[0]?.abstract.startsWith("It has been suggested")).toBe(true);
  });

  it('finds the PDF by title="pdf" even when the href has no /pdf/', () => {
    const feed = parseArxivFeed(readFixture("arxiv-api-rel-title-layout.xml"));
    expect(feed.pdfUrls).toEqual({
      "hep-ex/0307015": "http://arxiv.org/pdf/hep-ex/0307015v1",
      "2402.01234": "https://export.arxiv.org/download/2402.01234v3",
    });
  });

  it("drops the vN from every id", () => {
    const ids = parseArxivFeed(readFixture("arxiv-api-current-layout.xml")).papers.map((p) => p.id);
    expect(ids).toContain("2311.05385"); // recorded as 2311.05385v2
    expect(ids.every((id) => !/v\d+$/.test(id))).toBe(true);
  });

  it("puts the primary category first even when the feed lists it later", () => {
    const [, invented] = parseArxivFeed(readFixture("arxiv-api-rel-title-layout.xml")).papers;
    expect(invented?.categories).toEqual(["physics.acc-ph", "hep-ph"]);
  });

  it("collapses \\n wraps in titles, abstracts and names, and decodes entities", () => {
    const [hera, invented] = parseArxivFeed(readFixture("arxiv-api-rel-title-layout.xml")).papers;
    expect(hera?.title).toBe("Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA");
    expect(invented?.title).toBe("A Wrapped Title about <Electrons> & Protons");
    expect(invented?.abstract).toBe("First line of the abstract continues here.");
    expect(invented?.authors).toEqual(["Ada Lovelace", "Alan Turing"]);
  });

  it("reads a query with no results as an empty page", () => {
    expect(parseArxivFeed(readFixture("arxiv-api-empty.xml"))).toEqual({
      papers: [],
      totalResults: 0,
      startIndex: 0,
      pdfUrls: {},
    });
  });

  it("turns an entry titled Error into source_bad_response carrying arXiv's message", () => {
    const error = thrown(() => parseArxivFeed(readFixture("arxiv-api-error.xml")));
    expect(error.code).toBe("source_bad_response");
    expect(error.detail).toContain("incorrect id format for 1234.12345");
  });

  it("turns a plain Rate exceeded. body into source_rate_limited", () => {
    expect(thrown(() => parseArxivFeed("Rate exceeded.")).code).toBe("source_rate_limited");
    expect(thrown(() => parseArxivFeed("Rate exceeded.\n")).code).toBe("source_rate_limited");
  });

  it.each([
    ["an empty body", ""],
    ["JSON", '{"feed": []}'],
    ["truncated XML", readFixture("arxiv-api-current-layout.xml").slice(0, 3000)],
    ["XML that is not a feed", "<html><body>Service unavailable</body></html>"],
  ])("rejects %s as source_bad_response", (_what, body) => {
    expect(thrown(() => parseArxivFeed(body)).code).toBe("source_bad_response");
  });
});

describe("buildArxivSearchQuery", () => {
  it.each([
    ["grokking softmax collapse", "all:grokking AND all:softmax AND all:collapse"],
    ['"weight decay" regularization', 'all:"weight decay" AND all:regularization'],
    [
      "which optimizer was found by program search?",
      "all:optimizer AND all:found AND all:program AND all:search",
    ],
    ['ti:(evil) OR "unclosed', "all:ti AND all:evil AND all:unclosed"],
    ["self-supervised ANDNOT AND OR", "all:self AND all:supervised"],
    ['say "hi"', "all:say AND all:hi"],
    ["Régularisation für Transformers", "all:régularisation AND all:für AND all:transformers"],
    ["  ?!  ", ""],
  ])("turns %j into %j", (text, query) => {
    expect(buildArxivSearchQuery(text)).toBe(query);
  });

  it("keeps at most eight terms", () => {
    expect(buildArxivSearchQuery("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10").split(" AND ")).toHaveLength(8);
  });
});

describe("createArxivClient against a stand-in", () => {
  let arxiv: HttpStandIn;
  beforeEach(async () => {
    arxiv = await startHttpStandIn({ "/api/query": fixture("arxiv-api-current-layout.xml") });
  });
  afterEach(() => arxiv.close());
  // minGapMs 0 keeps these tests fast; the gap has its own tests below.
  const client = (timeoutMs = 2_000) =>
    createArxivClient({ baseUrl: `${arxiv.url}/api/query`, timeoutMs, minGapMs: 0 });
  const last = () => arxiv.requests.at(-1) as StandInRequest;

  it("sends search_query, start, max_results and sort options, and returns the parsed page", async () => {
    const feed = await client().query({
      searchQuery: "cat:math.CA AND ti:diffuse",
      start: 20,
      maxResults: 10,
      sortBy: "submittedDate",
      sortOrder: "descending",
    });
    expect(feed.papers).toHaveLength(10);
    expect(feed.totalResults).toBe(100);
    expect(last().path).toBe("/api/query");
    expect(Object.fromEntries(last().query)).toEqual({
      search_query: "cat:math.CA AND ti:diffuse",
      start: "20",
      max_results: "10",
      sortBy: "submittedDate",
      sortOrder: "descending",
    });
  });

  it("clamps max_results to arXiv's 2,000 a call", async () => {
    await client().query({ searchQuery: "all:x", maxResults: 50_000 });
    expect(last().query.get("max_results")).toBe("2000");
    await client().query({ searchQuery: "all:x", maxResults: 0 });
    expect(last().query.get("max_results")).toBe("1");
  });

  it("sends id_list without versions and refuses malformed ids before sending", async () => {
    await client().query({ idList: ["1506.07840v1", "hep-th/9901001"] });
    expect(last().query.get("id_list")).toBe("1506.07840,hep-th/9901001");
    await expect(client().query({ idList: ["nonsense"] })).rejects.toMatchObject({ code: "bad_paper_ref" });
    await expect(client().query({})).rejects.toMatchObject({ code: "bad_input" });
    expect(arxiv.count()).toBe(1);
  });

  it("fetches one paper by id, and null when arXiv has none", async () => {
    expect((await client().byId("arXiv:2311.05385v2"))?.title).toMatch(/^Coupled reaction-diffusion/);
    expect(last().query.get("id_list")).toBe("2311.05385");
    expect(last().query.get("max_results")).toBe("1");
    arxiv.setRoute("/api/query", fixture("arxiv-api-empty.xml"));
    expect(await client().byId("2501.99999")).toBeNull();
  });

  it("searches free text by relevance with a safe search_query", async () => {
    const papers = await client().search('diffusion "manifold learning"', { limit: 3 });
    expect(papers.length).toBeGreaterThan(0);
    expect(last().query.get("search_query")).toBe('all:diffusion AND all:"manifold learning"');
    expect(last().query.get("max_results")).toBe("3");
    expect(last().query.get("sortBy")).toBe("relevance");
    expect(await client().search("?!")).toEqual([]);
    expect(arxiv.count()).toBe(1);
  });

  it.each([
    ["429", status(429, { "retry-after": "30" }), "source_rate_limited"],
    ["a 503 saying Rate exceeded.", status(503, {}, "Rate exceeded."), "source_rate_limited"],
    ["a 200 saying Rate exceeded.", { status: 200, body: "Rate exceeded." }, "source_rate_limited"],
    ["500", status(500), "source_unreachable"],
    ["an Error entry", fixture("arxiv-api-error.xml"), "source_bad_response"],
    ["a malformed body", { status: 200, body: "<feed><entry>" }, "source_bad_response"],
    ["an empty body", { status: 200, body: "" }, "source_bad_response"],
    ["a response slower than the timeout", slow(1_500, fixture("arxiv-api-empty.xml")), "source_timeout"],
  ])("turns %s into a clear error, never partial results", async (_what, response, code) => {
    // Only the slow case gets a short budget, so a busy machine cannot turn other cases into timeouts.
    const timeoutMs = code === "source_timeout" ? 300 : 5_000;
    arxiv.setRoute("/api/query", response);
    await expect(client(timeoutMs).query({ searchQuery: "all:electron" })).rejects.toMatchObject({ code });
  });

  it("keeps the Retry-After seconds of a 429", async () => {
    arxiv.setRoute("/api/query", status(429, { "retry-after": "30" }));
    const error = (await client()
      .byId("1506.07840")
      .catch((e) => e)) as SourceError;
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.detail).toContain("arXiv");
  });
});

describe("the arXiv request gap", () => {
  let arxiv: HttpStandIn;
  afterEach(() => arxiv.close());

  // A fake clock: sleeping advances it instantly, so a 3 s gap costs no real time.
  function fakeClock() {
    const clock = { time: 1_000_000, sleeps: [] as number[] };
    return {
      clock,
      now: () => clock.time,
      sleep: async (ms: number) => {
        clock.sleeps.push(ms);
        clock.time += ms;
      },
    };
  }

  it("waits 3 s between the end of one request and the start of the next, concurrent calls included", async () => {
    const { clock, now, sleep } = fakeClock();
    const sentAt: number[] = [];
    arxiv = await startHttpStandIn({
      "/api/query": () => {
        sentAt.push(clock.time);
        clock.time += 250; // each request "takes" 250 ms on the fake clock
        return fixture("arxiv-api-empty.xml");
      },
    });
    const client = createArxivClient({ baseUrl: `${arxiv.url}/api/query`, now, sleep });
    await client.byId("1506.07840");
    await Promise.all([client.byId("1506.07841"), client.search("electron"), client.byId("1506.07842")]);

    expect(arxiv.count()).toBe(4);
    expect(clock.sleeps).toEqual([3000, 3000, 3000]);
    for (let i = 1; i < sentAt.length; i += 1) {
      expect((sentAt[i] ?? 0) - (sentAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(250 + 3000);
    }
  });

  it("does not wait when the last request ended long enough ago, and counts failed requests too", async () => {
    const { clock, now, sleep } = fakeClock();
    arxiv = await startHttpStandIn({ "/api/query": status(500) });
    const client = createArxivClient({ baseUrl: `${arxiv.url}/api/query`, now, sleep });
    await expect(client.byId("1506.07840")).rejects.toMatchObject({ code: "source_unreachable" });
    clock.time += 1_000;
    await expect(client.byId("1506.07840")).rejects.toMatchObject({ code: "source_unreachable" });
    expect(clock.sleeps).toEqual([2000]);
    clock.time += 10_000;
    await expect(client.byId("1506.07840")).rejects.toMatchObject({ code: "source_unreachable" });
    expect(clock.sleeps).toEqual([2000]);
  });

  it("drops a call whose caller gave up while it waited its turn, without sending it", async () => {
    arxiv = await startHttpStandIn({ "/api/query": fixture("arxiv-api-empty.xml") });
    // A sleep that never ends: the second call can only finish by being aborted.
    const client = createArxivClient({
      baseUrl: `${arxiv.url}/api/query`,
      sleep: () => new Promise<void>(() => {}),
    });
    await client.byId("1506.07840");
    const controller = new AbortController();
    const waiting = client.byId("1506.07841", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("search deadline")), 50);
    await expect(waiting).rejects.toThrow("search deadline");
    expect(arxiv.count()).toBe(1);
  });

  it("honours the gap with the real clock too", async () => {
    const sentAt: number[] = [];
    arxiv = await startHttpStandIn({
      "/api/query": () => {
        sentAt.push(performance.now());
        return fixture("arxiv-api-empty.xml");
      },
    });
    const client = createArxivClient({ baseUrl: `${arxiv.url}/api/query`, minGapMs: 150 });
    await Promise.all([client.byId("1506.07840"), client.byId("1506.07841")]);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(145);
  });
});
