// Fetches a paper's full text by id from the configured hosts only (Hugging Face Markdown, else arXiv HTML), cached.

import { getOrInsert } from "../get-or-insert.ts";
import type { Logger } from "../logger.ts";
import { normalizeArxivId } from "../papers/arxiv-id.ts";
import { type FetchLike, USER_AGENT } from "../papers/sources/http-get.ts";
import type { StateStore } from "../state/state-store.ts";

/** Where a full text came from. */
export type FullTextSource = "hf_markdown" | "arxiv_html";

/** A paper's text, already converted to plain text (with `#` headings) and capped. */
export interface FullText {
  text: string;
  source: FullTextSource;
}

/** Gets a paper's full text; null when neither host has it or both fail. Never throws. */
export interface FullTextFetcher {
  get(id: string): Promise<FullText | null>;
}

export interface FullTextFetcherOptions {
  /** Hugging Face base URL (`HF_API_URL`), e.g. `https://huggingface.co`; `{hf}/papers/{id}.md` is read. */
  hfBaseUrl: string;
  /** arXiv HTML base, e.g. `https://arxiv.org/html`; `{base}/{id}` is read. */
  arxivHtmlBaseUrl: string;
  /** Budget per request (each host gets its own). */
  timeoutMs: number;
  /** Cap on the converted text, marker included. */
  maxChars: number;
  /** Cap on a downloaded body before conversion; the rest is not read. Default 8 MB. */
  maxBytes?: number;
  fetch?: FetchLike;
  /** Where converted texts are cached (a day) and misses remembered (an hour); uncached without it. */
  store?: StateStore;
  logger?: Logger;
}

const CACHE_TTL_MS = 24 * 60 * 60 * 1000;
const MISS_TTL_MS = 60 * 60 * 1000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
// Below this a page is a stub (HF's page for a paper without HTML, an arXiv error page), not the paper.
const MIN_USEFUL_CHARS = 300;
export const TRUNCATION_MARKER = "\n\n[… truncated]";

type CacheEntry = FullText | { missing: true };

/**
 * Builds the fetcher. Only arXiv-shaped ids are accepted (a URL a user typed is never fetched: callers
 * parse it to an id first), and requests go only to the two configured hosts; a redirect that leaves a
 * host is refused. Concurrent requests for one id share one fetch.
 */
export function createFullTextFetcher(options: FullTextFetcherOptions): FullTextFetcher {
  const inFlight = new Map<string, Promise<FullText | null>>();
  const hfBase = options.hfBaseUrl.replace(/\/+$/, "");
  const arxivBase = options.arxivHtmlBaseUrl.replace(/\/+$/, "");
  const cacheKey = (id: string) => `fulltext:v1:${options.maxChars}:${id}`;

  const fetchFresh = async (id: string): Promise<{ result: FullText | null; definitive: boolean }> => {
    const hf = await download(`${hfBase}/papers/${id}.md`, options);
    if (hf.body !== undefined && !looksLikeHtmlPage(hf.body)) {
      // The converters (htmlparser2, entities: ≈60 ms to load) are imported when a full text first arrives.
      const { hfMarkdownToText } = await import("./hf-markdown-to-text.ts");
      const text = hfMarkdownToText(hf.body);
      if (text.length >= MIN_USEFUL_CHARS)
        return { result: capped(text, "hf_markdown", options.maxChars), definitive: true };
    }
    const arxiv = await download(`${arxivBase}/${id}`, options);
    if (arxiv.body !== undefined) {
      const { arxivHtmlToText } = await import("./arxiv-html-to-text.ts");
      const text = arxivHtmlToText(arxiv.body);
      if (text.length >= MIN_USEFUL_CHARS)
        return { result: capped(text, "arxiv_html", options.maxChars), definitive: true };
    }
    // Only "not there" answers are worth remembering; an outage should be retried on the next question.
    return { result: null, definitive: !hf.failed && !arxiv.failed };
  };

  const load = async (id: string): Promise<FullText | null> => {
    const cached = await readCache(options, cacheKey(id));
    if (cached) return "missing" in cached ? null : cached;
    const { result, definitive } = await fetchFresh(id);
    if (result) await writeCache(options, cacheKey(id), result, CACHE_TTL_MS);
    else if (definitive) await writeCache(options, cacheKey(id), { missing: true }, MISS_TTL_MS);
    options.logger?.debug(
      { id, source: result?.source ?? null, chars: result?.text.length ?? 0 },
      "full text",
    );
    return result;
  };

  return {
    async get(rawId) {
      const id = normalizeArxivId(rawId);
      if (!id) return null;
      return getOrInsert(inFlight, id, () => load(id).finally(() => inFlight.delete(id)));
    },
  };
}

/** Cuts text to `maxChars` (marker included), at a paragraph or word boundary when one is near. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const budget = Math.max(0, maxChars - TRUNCATION_MARKER.length);
  const head = text.slice(0, budget);
  const paragraph = head.lastIndexOf("\n\n");
  const space = head.lastIndexOf(" ");
  const cut = paragraph >= budget * 0.8 ? paragraph : space >= budget * 0.9 ? space : budget;
  return `${head.slice(0, cut).trimEnd()}${TRUNCATION_MARKER}`.slice(0, maxChars);
}

function capped(text: string, source: FullTextSource, maxChars: number): FullText {
  return { text: capText(text, maxChars), source };
}

function looksLikeHtmlPage(body: string): boolean {
  return /^\s*<(!doctype\s+html|html)\b/i.test(body);
}

interface Download {
  /** The body (at most maxBytes of it) of a 2xx answer. */
  body?: string;
  /** True when the host could not be asked or answered with an error other than 404/410. */
  failed: boolean;
}

async function download(url: string, options: FullTextFetcherOptions): Promise<Download> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await doFetch(url, {
      method: "GET",
      headers: { "user-agent": USER_AGENT },
      signal,
      redirect: "follow",
    });
    // fetch follows redirects itself; the page it ended on must still be on the configured host.
    if (response.url && new URL(response.url).origin !== new URL(url).origin) {
      await response.body?.cancel();
      options.logger?.warn({ url, finalUrl: response.url }, "full text redirect left the configured host");
      return { failed: true };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { failed: response.status !== 404 && response.status !== 410 };
    }
    return { body: await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES), failed: false };
  } catch (error) {
    options.logger?.info({ url, err: error }, "full text request failed");
    return { failed: true };
  }
}

// A paper page can be many megabytes of MathML; past the cap nothing more is read from the socket.
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  while (received < maxBytes) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    const room = maxBytes - received;
    const chunk = value.byteLength > room ? value.subarray(0, room) : value;
    received += chunk.byteLength;
    text += decoder.decode(chunk, { stream: true });
  }
  await reader.cancel();
  return text + decoder.decode();
}

async function readCache(options: FullTextFetcherOptions, key: string): Promise<CacheEntry | undefined> {
  if (!options.store) return undefined;
  try {
    return await options.store.get<CacheEntry>(key);
  } catch (error) {
    options.logger?.warn({ err: error, key }, "full text cache read failed");
    return undefined;
  }
}

async function writeCache(options: FullTextFetcherOptions, key: string, value: CacheEntry, ttlMs: number) {
  if (!options.store) return;
  try {
    await options.store.set(key, value, ttlMs);
  } catch (error) {
    options.logger?.warn({ err: error, key }, "full text cache write failed");
  }
}
