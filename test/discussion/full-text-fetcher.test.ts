// The full-text fetcher against local stand-ins for Hugging Face and arXiv over real HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { capText, createFullTextFetcher, TRUNCATION_MARKER } from "../../src/discussion/full-text-fetcher.ts";
import { silentLogger } from "../../src/logger.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { fixture, type HttpStandIn, slow, startHttpStandIn, status } from "../support/http-stand-in.ts";

const ID = "2405.01234";
const stands: HttpStandIn[] = [];

async function hosts(
  hfRoutes: Parameters<typeof startHttpStandIn>[0],
  arxivRoutes: Parameters<typeof startHttpStandIn>[0],
) {
  const hf = await startHttpStandIn(hfRoutes);
  const arxiv = await startHttpStandIn(arxivRoutes);
  stands.push(hf, arxiv);
  return { hf, arxiv };
}

function fetcherFor(
  hf: HttpStandIn,
  arxiv: HttpStandIn,
  extra: { maxChars?: number; timeoutMs?: number } = {},
) {
  return createFullTextFetcher({
    hfBaseUrl: hf.url,
    arxivHtmlBaseUrl: `${arxiv.url}/html`,
    timeoutMs: extra.timeoutMs ?? 2_000,
    maxChars: extra.maxChars ?? 50_000,
    logger: silentLogger(),
  });
}

afterEach(async () => {
  await Promise.all(stands.splice(0).map((stand) => stand.close()));
});

describe("createFullTextFetcher", () => {
  it("reads Hugging Face's Markdown first and does not ask arXiv", async () => {
    const { hf, arxiv } = await hosts(
      { [`/papers/${ID}.md`]: fixture("fulltext/hf-markdown-2405.01234.md") },
      { "/html/": fixture("fulltext/arxiv-html-2405.01234.html") },
    );
    const result = await fetcherFor(hf, arxiv).get(ID);
    expect(result?.source).toBe("hf_markdown");
    expect(result?.text).toContain("### 2.2 Limitations");
    expect(hf.requests.map((r) => r.path)).toEqual([`/papers/${ID}.md`]);
    expect(arxiv.count()).toBe(0);
  });

  it("falls back to arXiv HTML when Hugging Face answers 404", async () => {
    const { hf, arxiv } = await hosts(
      {},
      { [`/html/${ID}`]: fixture("fulltext/arxiv-html-2405.01234.html") },
    );
    const result = await fetcherFor(hf, arxiv).get(ID);
    expect(result?.source).toBe("arxiv_html");
    expect(result?.text).toContain("## 1 Introduction");
    expect(result?.text).not.toContain("<");
    expect(hf.count()).toBe(1);
    expect(arxiv.requests.map((r) => r.path)).toEqual([`/html/${ID}`]);
  });

  it("falls back to arXiv when Hugging Face serves an HTML page or a stub", async () => {
    const { hf, arxiv } = await hosts(
      { [`/papers/${ID}.md`]: { status: 200, body: "<!DOCTYPE html><html><body>Sign in</body></html>" } },
      { "/html/": fixture("fulltext/arxiv-html-2405.01234.html") },
    );
    expect((await fetcherFor(hf, arxiv).get(ID))?.source).toBe("arxiv_html");
    hf.setRoute(`/papers/${ID}.md`, { status: 200, body: "# Title\n\nShort." });
    expect((await fetcherFor(hf, arxiv).get(ID))?.source).toBe("arxiv_html");
  });

  it("returns null without throwing when both hosts are down or slow", async () => {
    const { hf, arxiv } = await hosts({ "/": status(503) }, { "/": slow(5_000, status(200)) });
    const started = Date.now();
    await expect(fetcherFor(hf, arxiv, { timeoutMs: 300 }).get(ID)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(3_000);
    const closed = createFullTextFetcher({
      hfBaseUrl: "http://127.0.0.1:1",
      arxivHtmlBaseUrl: "http://127.0.0.1:1/html",
      timeoutMs: 500,
      maxChars: 1_000,
    });
    await expect(closed.get(ID)).resolves.toBeNull();
  });

  it("caps an oversized text at maxChars and says it was truncated", async () => {
    const huge = `# Huge paper\n\n${"A sentence about attention collapse. ".repeat(40_000)}`;
    const { hf, arxiv } = await hosts({ [`/papers/${ID}.md`]: { status: 200, body: huge } }, {});
    const result = await fetcherFor(hf, arxiv, { maxChars: 5_000 }).get(ID);
    expect(result?.text.length).toBeLessThanOrEqual(5_000);
    expect(result?.text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(result?.text.startsWith("# Huge paper")).toBe(true);
  });

  it("stops reading a body past maxBytes", async () => {
    const { hf, arxiv } = await hosts(
      { [`/papers/${ID}.md`]: { status: 200, body: "x ".repeat(2_000_000) } },
      {},
    );
    const fetcher = createFullTextFetcher({
      hfBaseUrl: hf.url,
      arxivHtmlBaseUrl: `${arxiv.url}/html`,
      timeoutMs: 2_000,
      maxChars: 10_000_000,
      maxBytes: 10_000,
    });
    const result = await fetcher.get(ID);
    expect(result?.text.length).toBeLessThanOrEqual(10_000);
  });

  it("only fetches arXiv-shaped ids, never a URL or path a user typed", async () => {
    const { hf, arxiv } = await hosts({ "/": status(200, {}, "x".repeat(1_000)) }, { "/": status(200) });
    const fetcher = fetcherFor(hf, arxiv);
    for (const bad of [
      "https://evil.example/paper",
      "../../etc/passwd",
      "2405.01234?x=1",
      "",
      "2405.01234/../../admin",
    ]) {
      await expect(fetcher.get(bad)).resolves.toBeNull();
    }
    expect(hf.count() + arxiv.count()).toBe(0);
    await fetcher.get("2405.01234v3");
    expect(hf.requests.map((r) => r.path)).toEqual([`/papers/${ID}.md`]);
  });

  it("refuses a redirect that leaves the configured host", async () => {
    const elsewhere = await startHttpStandIn({ "/": fixture("fulltext/hf-markdown-2405.01234.md") });
    stands.push(elsewhere);
    const { hf, arxiv } = await hosts({ "/": status(302, { location: `${elsewhere.url}/steal` }) }, {});
    await expect(fetcherFor(hf, arxiv).get(ID)).resolves.toBeNull();
  });

  it("caches a text for a day in the state store and shares one fetch among concurrent callers", async () => {
    const store = await createStateStore({ url: "memory://" });
    const { hf, arxiv } = await hosts(
      { [`/papers/${ID}.md`]: fixture("fulltext/hf-markdown-2405.01234.md") },
      {},
    );
    const options = {
      hfBaseUrl: hf.url,
      arxivHtmlBaseUrl: `${arxiv.url}/html`,
      timeoutMs: 2_000,
      maxChars: 50_000,
      store,
    };
    const first = createFullTextFetcher(options);
    const results = await Promise.all([first.get(ID), first.get(ID), first.get(ID)]);
    expect(new Set(results.map((r) => r?.text)).size).toBe(1);
    expect(hf.count()).toBe(1);
    // A new fetcher on the same store (another instance, or after a restart) reads the cache.
    expect((await createFullTextFetcher(options).get(ID))?.source).toBe("hf_markdown");
    expect(hf.count()).toBe(1);
    await store.close();
  });

  it("remembers that neither host has a paper, but retries after an outage", async () => {
    const store = await createStateStore({ url: "memory://" });
    const { hf, arxiv } = await hosts({}, {});
    const options = {
      hfBaseUrl: hf.url,
      arxivHtmlBaseUrl: `${arxiv.url}/html`,
      timeoutMs: 2_000,
      maxChars: 1_000,
      store,
    };
    await createFullTextFetcher(options).get(ID);
    await createFullTextFetcher(options).get(ID);
    expect(hf.count()).toBe(1);

    hf.setRoute("/", status(500));
    await createFullTextFetcher(options).get("2405.09999");
    await createFullTextFetcher(options).get("2405.09999");
    expect(hf.count("/papers/2405.09999")).toBe(2);
    await store.close();
  });
});

describe("capText", () => {
  it("leaves short text alone and cuts long text at a paragraph break within the cap", () => {
    expect(capText("short", 10)).toBe("short");
    const text = `${"a".repeat(900)}\n\n${"b".repeat(900)}`;
    const capped = capText(text, 1_000);
    expect(capped).toBe(`${"a".repeat(900)}${TRUNCATION_MARKER}`);
  });
});
