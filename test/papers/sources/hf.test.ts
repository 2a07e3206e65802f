// Hugging Face: parsing recorded responses, and the client against a local stand-in over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createHfClient,
  paperFromHfItem,
  parseHfPaper,
  parseHfPaperList,
} from "../../../src/papers/sources/hf.ts";
import type { SourceError } from "../../../src/papers/sources/http-get.ts";
import {
  fixture,
  type HttpStandIn,
  json,
  readFixture,
  type StandInRequest,
  slow,
  startHttpStandIn,
  status,
} from "../../support/http-stand-in.ts";
import { thrown } from "../../support/thrown.ts";

interface RecordedItem {
  paper: { authors: Array<{ hidden: boolean }> };
}
const daily = () => JSON.parse(readFixture("hf-daily-papers.json")) as RecordedItem[];
const hfItem = (id: string, title = `Paper ${id}`) => ({
  paper: { id, title, summary: "An abstract.", authors: [] },
});

describe("parseHfPaperList", () => {
  it("reads a recorded daily_papers response into papers with every Hugging Face signal", () => {
    const [paper, ...rest] = parseHfPaperList(readFixture("hf-daily-papers.json"));
    expect(rest).toEqual([]);
    expect(paper).toMatchObject({
      id: "2407.13168",
      title: "SciCode: A Research Coding Benchmark Curated by Scientists",
      authors: ["Minyang Tian", "Luyu Gao", "Xinan Chen", "Yanxin Lu", "Hao Peng"],
      categories: [],
      publishedAt: "2024-07-18",
      upvotes: 17,
      numComments: 2,
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.13168.png",
      keywords: [
        "language models",
        "coding benchmark",
        "knowledge recall",
        "reasoning",
        "code synthesis",
        "scientific AI",
      ],
      source: "hf",
    });
    expect(paper?.aiSummary).toMatch(/^SciCode, a scientist-curated coding benchmark/);
    expect(paper?.abstract).toMatch(
      /^Since language models \(LMs\) now outperform average humans on many challenging tasks,/,
    );
  });

  it("reads a recorded papers/search response (same item shape)", () => {
    expect(parseHfPaperList(readFixture("hf-papers-search.json")).map((p) => p.id)).toEqual(["2407.13168"]);
  });

  it("collapses \\n wraps in titles and abstracts to single spaces", () => {
    const [paper] = parseHfPaperList(readFixture("hf-daily-papers.json"));
    expect(paper?.abstract).not.toMatch(/\n|\s{2}/);
    const items = [
      { paper: { id: "2407.13168", title: "A title\n  wrapped\nacross lines", summary: "a\n b" } },
    ];
    const [wrapped] = parseHfPaperList(JSON.stringify(items));
    expect(wrapped?.title).toBe("A title wrapped across lines");
    expect(wrapped?.abstract).toBe("a b");
  });

  it("uses item.paper when present and the item itself when not", () => {
    const flat = {
      id: "2302.06675",
      title: "Symbolic Discovery of Optimization Algorithms",
      summary: "Lion.",
    };
    const papers = parseHfPaperList(JSON.stringify([hfItem("2407.13168"), flat]));
    expect(papers.map((p) => p.id)).toEqual(["2407.13168", "2302.06675"]);
    expect(papers[1]?.abstract).toBe("Lion.");
  });

  it("drops hidden authors", () => {
    const items = daily();
    const luyuGao = items[0]?.paper.authors[1];
    if (luyuGao) luyuGao.hidden = true;
    const [paper] = parseHfPaperList(JSON.stringify(items));
    expect(paper?.authors).toEqual(["Minyang Tian", "Xinan Chen", "Yanxin Lu", "Hao Peng"]);
  });

  it("keeps githubRepo when it is an http(s) URL and drops anything else", () => {
    const items = [
      { paper: { ...hfItem("2407.13168").paper, githubRepo: "https://github.com/scicode-bench/SciCode" } },
      { paper: { ...hfItem("2302.06675").paper, githubRepo: "javascript:alert(1)" } },
    ];
    const [withRepo, withoutRepo] = parseHfPaperList(JSON.stringify(items));
    expect(withRepo?.githubRepo).toBe("https://github.com/scicode-bench/SciCode");
    expect(withoutRepo).not.toHaveProperty("githubRepo");
  });

  it("strips the version from ids and skips items without a valid arXiv id", () => {
    const items = [hfItem("2407.13168v2"), hfItem("not-an-arxiv-id"), hfItem("1234.5")];
    expect(parseHfPaperList(JSON.stringify(items)).map((p) => p.id)).toEqual(["2407.13168"]);
  });

  it("reads an empty day (weekend) as no papers", () => {
    expect(parseHfPaperList("[]")).toEqual([]);
  });

  it("skips one odd item but rejects a list where every item has an unknown shape", () => {
    expect(parseHfPaperList(JSON.stringify([hfItem("2407.13168"), { nope: true }, 42])).length).toBe(1);
    const error = thrown(() =>
      parseHfPaperList(JSON.stringify([{ nope: true }, { paper: { title: "no id" } }])),
    );
    expect(error.code).toBe("source_bad_response");
    expect(error.detail).toContain("unknown shape");
  });

  it.each([
    ["malformed JSON", '[{"paper": {'],
    ["an empty body", ""],
    ["an HTML error page", "<html><body>Bad gateway</body></html>"],
    ["an object instead of an array", '{"papers": []}'],
  ])("rejects %s as source_bad_response", (_what, body) => {
    expect(thrown(() => parseHfPaperList(body)).code).toBe("source_bad_response");
  });

  it("reports Hugging Face's own error message", () => {
    const error = thrown(() => parseHfPaperList('{"error": "Invalid date"}'));
    expect(error.code).toBe("source_bad_response");
    expect(error.detail).toContain("Invalid date");
  });

  it("ignores unknown and odd optional fields rather than failing", () => {
    const items = [
      { paper: { ...hfItem("2407.13168").paper, upvotes: "many", brandNewField: { x: 1 } }, extra: 1 },
    ];
    const [paper] = parseHfPaperList(JSON.stringify(items));
    expect(paper?.id).toBe("2407.13168");
    expect(paper).not.toHaveProperty("upvotes");
  });
});

describe("parseHfPaper", () => {
  it("reads a recorded /api/papers/{id} response", () => {
    const paper = parseHfPaper(readFixture("hf-paper-detail.json"));
    expect(paper).toMatchObject({ id: "2407.13168", upvotes: 17, publishedAt: "2024-07-18", source: "hf" });
    expect(paper.authors).toHaveLength(5);
    expect(paper.keywords).toContain("code synthesis");
  });

  it.each([
    ["malformed JSON", "{"],
    ["a list", "[]"],
    ["a record without an arXiv id", '{"id": "abc", "title": "x"}'],
    ["an error object", '{"error": "Paper not found"}'],
  ])("rejects %s as source_bad_response", (_what, body) => {
    expect(thrown(() => parseHfPaper(body)).code).toBe("source_bad_response");
  });
});

describe("paperFromHfItem", () => {
  it("returns null instead of throwing for items file import should skip", () => {
    expect(paperFromHfItem({ nope: 1 })).toBeNull();
    expect(paperFromHfItem(hfItem("x"))).toBeNull();
    expect(paperFromHfItem(hfItem("2407.13168"), "file")?.source).toBe("file");
  });
});

describe("createHfClient against a stand-in", () => {
  let hf: HttpStandIn;
  beforeEach(async () => {
    hf = await startHttpStandIn({
      "/api/daily_papers": fixture("hf-daily-papers.json"),
      "/api/papers/": fixture("hf-paper-detail.json"),
      "/api/papers/search": fixture("hf-papers-search.json"),
    });
  });
  afterEach(() => hf.close());
  const client = (timeoutMs = 2_000) => createHfClient({ baseUrl: hf.url, timeoutMs });
  const last = () => hf.requests.at(-1) as StandInRequest;

  it("lists a day's papers, sending date, limit and p", async () => {
    const papers = await client().dailyPapers({ date: "2024-07-22" });
    expect(papers.map((p) => p.id)).toEqual(["2407.13168"]);
    expect(last().path).toBe("/api/daily_papers");
    expect(Object.fromEntries(last().query)).toEqual({ date: "2024-07-22", limit: "100", p: "0" });
  });

  it("sends week, month, page and limit as given", async () => {
    await client().dailyPapers({ week: "2024-W30", page: 2, limit: 50 });
    expect(Object.fromEntries(last().query)).toEqual({ week: "2024-W30", limit: "50", p: "2" });
    await client().dailyPapers({ month: "2024-07" });
    expect(last().query.get("month")).toBe("2024-07");
  });

  it("refuses malformed or conflicting periods before sending anything", async () => {
    await expect(client().dailyPapers({ date: "22/07/2024" })).rejects.toMatchObject({ code: "bad_input" });
    await expect(client().dailyPapers({ date: "2024-07-22", week: "2024-W30" })).rejects.toMatchObject({
      code: "bad_input",
    });
    expect(hf.count()).toBe(0);
  });

  it("returns [] for a day without papers", async () => {
    hf.setRoute("/api/daily_papers", json([]));
    expect(await client().dailyPapers({ date: "2024-07-20" })).toEqual([]);
  });

  it("pages with p and limit until a short page, de-duplicating by id", async () => {
    const all = ["2401.00001", "2401.00002", "2401.00003", "2401.00004", "2401.00005"];
    hf.setRoute("/api/daily_papers", (request) => {
      const limit = Number(request.query.get("limit"));
      const page = Number(request.query.get("p"));
      return json(all.slice(page * limit, page * limit + limit).map((id) => hfItem(id)));
    });
    const papers = await client().allDailyPapers({ date: "2024-01-02", limit: 2 });
    expect(papers.map((p) => p.id)).toEqual(all);
    expect(hf.requests.map((r) => r.query.get("p"))).toEqual(["0", "1", "2"]);
    expect(hf.requests.every((r) => r.query.get("date") === "2024-01-02")).toBe(true);
  });

  it("stops paging when a server ignores p and when maxPages is reached", async () => {
    hf.setRoute("/api/daily_papers", json([hfItem("2401.00001"), hfItem("2401.00002")]));
    expect(await client().allDailyPapers({ limit: 2 })).toHaveLength(2);
    expect(hf.count()).toBe(2);

    let next = 0;
    hf.setRoute("/api/daily_papers", () => json([hfItem(`2401.${String(++next).padStart(5, "0")}`)]));
    expect(await client().allDailyPapers({ limit: 1, maxPages: 3 })).toHaveLength(3);
    expect(hf.count()).toBe(5);
  });

  it("fails the whole listing, returning nothing, when a later page fails", async () => {
    hf.setRoute("/api/daily_papers", (request) =>
      request.query.get("p") === "0" ? json([hfItem("2401.00001"), hfItem("2401.00002")]) : status(503),
    );
    await expect(client().allDailyPapers({ limit: 2 })).rejects.toMatchObject({ code: "source_unreachable" });
  });

  it("fetches one paper by id, without its version, and returns null on 404", async () => {
    expect((await client().paper("2407.13168v2"))?.id).toBe("2407.13168");
    expect(last().path).toBe("/api/papers/2407.13168");
    hf.setRoute("/api/papers/", status(404, { "content-type": "application/json" }, '{"error":"Not found"}'));
    expect(await client().paper("2501.00001")).toBeNull();
  });

  it("never puts an unchecked id into the URL", async () => {
    await expect(client().paper("../../admin")).rejects.toMatchObject({ code: "bad_paper_ref" });
    expect(hf.count()).toBe(0);
  });

  it("searches with q and limit, and skips the request for an empty query", async () => {
    const papers = await client().search("  regularization\n", { limit: 5 });
    expect(papers.map((p) => p.id)).toEqual(["2407.13168"]);
    expect(last().path).toBe("/api/papers/search");
    expect(Object.fromEntries(last().query)).toEqual({ q: "regularization", limit: "5" });
    expect(await client().search("   ")).toEqual([]);
    expect(hf.count()).toBe(1);
  });

  it("turns 429 into source_rate_limited with the Retry-After seconds", async () => {
    hf.setRoute("/api/daily_papers", status(429, { "retry-after": "42" }));
    const error = (await client()
      .dailyPapers()
      .catch((e) => e)) as SourceError;
    expect(error.code).toBe("source_rate_limited");
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.detail).toContain("Hugging Face");
  });

  it.each([
    ["500", status(500), "source_unreachable"],
    ["503", status(503), "source_unreachable"],
    ["a malformed body", { status: 200, body: '[{"paper":' }, "source_bad_response"],
    ["an empty body", { status: 200, body: "" }, "source_bad_response"],
    ["a response slower than the timeout", slow(1_500, json([])), "source_timeout"],
  ])("turns %s into a clear error, never partial results", async (_what, response, code) => {
    // Only the slow case gets a short budget, so a busy machine cannot turn other cases into timeouts.
    const timeoutMs = code === "source_timeout" ? 300 : 5_000;
    hf.setRoute("/api/daily_papers", response);
    hf.setRoute("/api/papers/search", response);
    await expect(client(timeoutMs).dailyPapers({ date: "2024-07-22" })).rejects.toMatchObject({ code });
    await expect(client(timeoutMs).search("regularization")).rejects.toMatchObject({ code });
  });

  it("keeps a path prefix on the base URL", async () => {
    hf.setRoute("/hf/api/daily_papers", json([hfItem("2401.00009")]));
    const papers = await createHfClient({ baseUrl: `${hf.url}/hf/` }).dailyPapers();
    expect(papers.map((p) => p.id)).toEqual(["2401.00009"]);
  });
});
