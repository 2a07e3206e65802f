// arXiv new-submission RSS: parsing the recorded feed format, and the client against a local stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArxivFeedClient, parseArxivRss } from "../../../src/papers/sources/arxiv-feed.ts";
import {
  fixture,
  type HttpStandIn,
  readFixture,
  slow,
  startHttpStandIn,
  status,
} from "../../support/http-stand-in.ts";
import { thrown } from "../../support/thrown.ts";

const recorded = readFixture("arxiv-rss-example.xml");
const recordedItem = /<item>[\s\S]*<\/item>/.exec(recorded)?.[0] ?? "";

/** The recorded feed with its one item repeated under other ids and announce types. */
function feedWith(items: Array<{ id: string; type: string; withElement?: boolean }>): string {
  const body = items
    .map(({ id, type, withElement = true }) =>
      recordedItem
        .replaceAll("2203.01250", id)
        .replace("Announce Type: replace-cross", `Announce Type: ${type}`)
        .replace(
          "<arxiv:announce_type>replace-cross</arxiv:announce_type>",
          withElement ? `<arxiv:announce_type>${type}</arxiv:announce_type>` : "",
        ),
    )
    .join("\n");
  return recorded.replace(recordedItem, body);
}

describe("parseArxivRss", () => {
  it("reads the recorded feed item: id without version (kept apart), announce type, abstract, comma-listed authors", () => {
    const [item, ...rest] = parseArxivRss(recorded);
    expect(rest).toEqual([]);
    expect(item?.announceType).toBe("replace-cross");
    expect(item?.paper).toEqual({
      id: "2203.01250",
      version: 3,
      title: "Mass concentration in rescaled first order integral functionals",
      abstract: expect.stringMatching(
        /^We consider first order local minimization problems .* elliptic energies\.$/,
      ),
      authors: ["Antonin Monteil", "Paul Pegon"],
      categories: ["math.AP", "math.OC"],
      publishedAt: "2024-02-23",
      source: "arxiv",
    });
    expect(item?.paper.abstract).not.toMatch(/Abstract:|Announce Type|\n/);
  });

  it("takes the announce type from the description when the element is missing", () => {
    const [item] = parseArxivRss(feedWith([{ id: "2402.00001", type: "new", withElement: false }]));
    expect(item?.announceType).toBe("new");
    expect(item?.paper.id).toBe("2402.00001");
  });

  it("reads a day without announcements as no papers", () => {
    expect(parseArxivRss(recorded.replace(recordedItem, ""))).toEqual([]);
  });

  it.each([
    ["an empty body", ""],
    ["plain text", "Service Unavailable"],
    ["truncated XML", recorded.slice(0, 1200)],
    ["XML that is not RSS", "<feed><entry/></feed>"],
  ])("rejects %s as source_bad_response", (_what, body) => {
    expect(thrown(() => parseArxivRss(body)).code).toBe("source_bad_response");
  });
});

describe("createArxivFeedClient against a stand-in", () => {
  let rss: HttpStandIn;
  const mixed = feedWith([
    { id: "2402.00001", type: "new" },
    { id: "2402.00002", type: "cross" },
    { id: "2402.00003", type: "replace" },
    { id: "2402.00004", type: "replace-cross" },
  ]);
  beforeEach(async () => {
    rss = await startHttpStandIn({ "/rss/": { status: 200, body: mixed } });
  });
  afterEach(() => rss.close());
  const client = (timeoutMs = 2_000) => createArxivFeedClient({ baseUrl: `${rss.url}/rss`, timeoutMs });

  it("lists a category's new submissions and cross-lists by default", async () => {
    const papers = await client().newSubmissions("math.OC");
    expect(papers.map((p) => p.id)).toEqual(["2402.00001", "2402.00002"]);
    expect(rss.requests.at(-1)?.path).toBe("/rss/math.OC");
  });

  it("keeps the announce types asked for, and joins several categories with +", async () => {
    const papers = await client().newSubmissions("cs.LG+stat.ML", {
      announceTypes: ["replace", "replace-cross"],
    });
    expect(papers.map((p) => p.id)).toEqual(["2402.00003", "2402.00004"]);
    expect(rss.requests.at(-1)?.path).toBe("/rss/cs.LG+stat.ML");
  });

  it("returns [] on a day without announcements", async () => {
    rss.setRoute("/rss/", fixture("arxiv-rss-example.xml"));
    expect(await client().newSubmissions("math.OC")).toEqual([]); // its one item is a replace-cross
  });

  it("refuses a category that is not arXiv-shaped before sending anything", async () => {
    await expect(client().newSubmissions("../admin")).rejects.toMatchObject({ code: "bad_input" });
    await expect(client().newSubmissions("cs.LG?x=1")).rejects.toMatchObject({ code: "bad_input" });
    expect(rss.count()).toBe(0);
  });

  it("refuses a misspelt category before sending anything, naming the closest real one", async () => {
    const error = await client()
      .newSubmissions("astroph")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bad_input" });
    expect((error as Error).message).toContain('"astroph" is not an arXiv category. Did you mean astro-ph');
    await expect(client().newSubmissions("cs.LG+stat.ml")).rejects.toThrow(/Did you mean stat\.ML/);
    expect(rss.count()).toBe(0);
  });

  it("turns arXiv's error channel (200, 'Feed error … Bad archive') into an error naming the category, not 0 papers", async () => {
    rss.setRoute("/rss/", fixture("arxiv-rss-error.xml"));
    const error = await client()
      .newSubmissions("astro-ph.GA")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "source_bad_response" });
    expect((error as Error).message).toContain(
      'arXiv refused the feed for astro-ph.GA: "Bad archive: astroph"',
    );
  });

  it.each([
    ["429", status(429, { "retry-after": "5" }), "source_rate_limited"],
    ["503", status(503), "source_unreachable"],
    ["404 (unknown category)", status(404), "source_bad_response"],
    ["a malformed body", { status: 200, body: "<rss><channel><item>" }, "source_bad_response"],
    ["an empty body", { status: 200, body: "" }, "source_bad_response"],
    ["a response slower than the timeout", slow(1_500, { status: 200, body: mixed }), "source_timeout"],
  ])("turns %s into a clear error, never partial results", async (_what, response, code) => {
    // Only the slow case gets a short budget, so a busy machine cannot turn other cases into timeouts.
    const timeoutMs = code === "source_timeout" ? 300 : 5_000;
    rss.setRoute("/rss/", response);
    await expect(client(timeoutMs).newSubmissions("math.OC")).rejects.toMatchObject({ code });
  });
});
