// arXiv query API: a pure parser for its Atom feeds (both live layouts) and a client that keeps 3 s between calls.
import type PQueue from "p-queue";
import { PaperboyError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { arxivVersion, normalizeArxivId, parsePaperRef } from "../arxiv-id.ts";
import type { Paper } from "../paper.ts";
import { buildArxivAuthorQuery } from "./arxiv-author-query.ts";
import { buildArxivSearchQuery } from "./arxiv-search-query.ts";
import { type FetchLike, httpGet, SourceError } from "./http-get.ts";
import { lazyXmlParser, validateXml } from "./lazy-xml.ts";
import { collapseWhitespace, isoDay } from "./paper-fields.ts";

/** One page of query results. `pdfUrls` maps each paper id to the (versioned) PDF link arXiv gave. */
export interface ArxivFeed {
  papers: Paper[];
  totalResults: number;
  startIndex: number;
  pdfUrls: Record<string, string>;
}

// Namespace prefixes are dropped (arxiv:comment → comment) so a renamed prefix cannot break parsing.
const ARRAYS = new Set(["feed.entry", "feed.entry.link", "feed.entry.category", "feed.entry.author"]);
const parser = lazyXmlParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false, // ids such as 1506.07840 must stay strings
  parseAttributeValue: false,
  htmlEntities: true, // decodes &#233; and &#x2014; too, not only the five XML entities
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

type XmlNode = Record<string, unknown>;

/** Text content of a parsed element, whether it came out as a string or as `{#text, @_attr}`. */
export function xmlText(node: unknown): string {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (node && typeof node === "object" && "#text" in node) return xmlText((node as XmlNode)["#text"]);
  return "";
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * Parses an arXiv API response. Accepts both live Atom layouts (bare `<link href>`s, or links with
 * `rel`/`title`). Throws `source_rate_limited` for a plain `Rate exceeded.` body and
 * `source_bad_response` for an `Error` entry (with arXiv's message), non-XML or a non-feed.
 */
export function parseArxivFeed(xml: string): ArxivFeed {
  const trimmed = xml.trim();
  if (/^Rate exceeded\.?$/i.test(trimmed)) {
    throw new PaperboyError("source_rate_limited", "arXiv answered: Rate exceeded.");
  }
  const valid = trimmed.startsWith("<") ? validateXml(trimmed) : false;
  if (valid !== true) {
    const start = trimmed.slice(0, 60);
    throw new PaperboyError(
      "source_bad_response",
      `arXiv sent a response that is not XML${start ? ` (starts "${start}")` : " (empty body)"}.`,
    );
  }
  const feed = (parser().parse(trimmed) as XmlNode).feed;
  if (!feed || typeof feed !== "object") {
    throw new PaperboyError("source_bad_response", "arXiv sent XML that is not an Atom feed.");
  }
  const root = feed as XmlNode;
  const papers: Paper[] = [];
  const pdfUrls: Record<string, string> = {};
  for (const entry of list(root.entry)) {
    const parsed = parseEntry(entry as XmlNode);
    if (!parsed) continue;
    papers.push(parsed.paper);
    if (parsed.pdfUrl) pdfUrls[parsed.paper.id] = parsed.pdfUrl;
  }
  return {
    papers,
    totalResults: toCount(root.totalResults, papers.length),
    startIndex: toCount(root.startIndex, 0),
    pdfUrls,
  };
}

function toCount(node: unknown, fallback: number): number {
  const value = Number.parseInt(xmlText(node), 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function parseEntry(entry: XmlNode): { paper: Paper; pdfUrl?: string } | null {
  const rawId = xmlText(entry.id).trim();
  const title = collapseWhitespace(xmlText(entry.title));
  const links = list(entry.link);
  const absHref = links.map((link) => attr(link, "href") ?? "").find((href) => href.includes("/abs/"));
  const id = idFromUrl(rawId) ?? (absHref ? idFromUrl(absHref) : null);
  // arXiv reports a bad query as a feed whose single entry is titled "Error" (id …/api/errors#…).
  if (title === "Error" && (rawId.includes("/api/errors") || !id)) {
    const message = collapseWhitespace(xmlText(entry.summary)) || rawId;
    throw new PaperboyError("source_bad_response", `arXiv reported an error: ${message}`);
  }
  if (!id || !title) return null;

  const primary = attr(entry.primary_category, "term");
  const categories = [...new Set([primary, ...list(entry.category).map((c) => attr(c, "term"))])].filter(
    (term): term is string => typeof term === "string" && term.length > 0,
  );
  const paper: Paper = {
    id,
    title,
    abstract: collapseWhitespace(xmlText(entry.summary)),
    authors: list(entry.author)
      .map((author) => collapseWhitespace(xmlText((author as XmlNode)?.name)))
      .filter((name) => name.length > 0),
    categories,
    source: "arxiv",
  };
  const version = arxivVersion(rawId) ?? (absHref ? arxivVersion(absHref) : undefined);
  if (version) paper.version = version;
  const publishedAt = isoDay(xmlText(entry.published));
  if (publishedAt) paper.publishedAt = publishedAt;
  const updatedAt = isoDay(xmlText(entry.updated));
  if (updatedAt) paper.updatedAt = updatedAt;
  const comment = collapseWhitespace(xmlText(entry.comment));
  if (comment) paper.comment = comment;

  // Legacy layout marks the PDF with title="pdf"; the current one has only the href to go on.
  const pdf =
    links.find((link) => attr(link, "title") === "pdf") ??
    links.find((link) => (attr(link, "href") ?? "").includes("/pdf/"));
  const pdfUrl = attr(pdf, "href");
  return pdfUrl ? { paper, pdfUrl } : { paper };
}

// `http://arxiv.org/abs/2311.05385v2` → `2311.05385`; old-style ids keep their archive prefix.
function idFromUrl(url: string): string | null {
  const match = /\/abs\/(.+)$/.exec(url);
  return match?.[1] ? normalizeArxivId(match[1]) : null;
}

/** What to ask the query API; see https://info.arxiv.org/help/api/user-manual.html#query_details */
export interface ArxivQuery {
  searchQuery?: string;
  idList?: string[];
  start?: number;
  /** 1–2,000 (arXiv's per-call maximum); larger values are clamped. Default 100. */
  maxResults?: number;
  sortBy?: "relevance" | "lastUpdatedDate" | "submittedDate";
  sortOrder?: "ascending" | "descending";
  timeoutMs?: number;
  /** Aborting drops the call, also while it waits for its turn, without sending it. */
  signal?: AbortSignal;
}

export interface ArxivClient {
  query(query: ArxivQuery): Promise<ArxivFeed>;
  /** One paper by arXiv id (`arXiv:` prefixes, versions and paper URLs are read as the bare id); null when arXiv has none. */
  byId(id: string, call?: Pick<ArxivQuery, "timeoutMs" | "signal">): Promise<Paper | null>;
  /**
   * The newest papers (by submission) whose authors include any of `names` as arXiv's author search reads
   * them (loosely: filter with the author matcher). `limit` default 100.
   */
  byAuthors(
    names: readonly string[],
    options?: Pick<ArxivQuery, "timeoutMs" | "signal"> & { limit?: number },
  ): Promise<Paper[]>;
  /** Free-text search, best matches first (`limit` default 10). */
  search(
    text: string,
    options?: Pick<ArxivQuery, "timeoutMs" | "signal"> & { limit?: number },
  ): Promise<Paper[]>;
}

export interface ArxivClientOptions {
  /** The query endpoint itself, e.g. `https://export.arxiv.org/api/query`. */
  baseUrl: string;
  /** Per-request budget; default 30 s (large pages are slow to build). */
  timeoutMs?: number;
  /** Pause between the end of one request and the start of the next; arXiv asks for 3 s. */
  minGapMs?: number;
  fetch?: FetchLike;
  /** Injectable clock and sleep, so tests can check the gap without waiting for it. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  logger?: Logger;
}

/** Builds the arXiv client. Every call of one client goes through one queue: one request at a time, `minGapMs` apart. */
export function createArxivClient(options: ArxivClientOptions): ArxivClient {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const minGapMs = options.minGapMs ?? 3000;
  let lastEnd = Number.NEGATIVE_INFINITY;
  // arXiv's terms: "no more than one request every three seconds", one connection at a time. The queue
  // runs one call at a time; the gap is counted from the end of the previous request, which p-queue's own
  // interval (counted from starts) cannot express.
  // p-queue (≈10 ms to load) is imported by the first call, so commands that never ask arXiv skip it.
  let queue: Promise<PQueue> | undefined;
  const inTurn = async <T>(signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> => {
    queue ??= import("p-queue").then(({ default: PQueue }) => new PQueue({ concurrency: 1 }));
    const ready = await queue;
    // Aborting drops a call still in the queue. Once it runs, the request ends through its own signal, so
    // the queue never starts the next request before this one has ended and set `lastEnd`.
    const queued = new AbortController();
    const dropQueued = () => queued.abort(signal?.reason);
    signal?.addEventListener("abort", dropQueued, { once: true });
    return ready.add(
      async () => {
        signal?.removeEventListener("abort", dropQueued);
        signal?.throwIfAborted();
        const wait = lastEnd + minGapMs - now();
        if (wait > 0) {
          options.logger?.debug({ wait }, "waiting for the arXiv request gap");
          await abortable(sleep(wait), signal);
        }
        try {
          return await task();
        } finally {
          lastEnd = now();
        }
      },
      { signal: queued.signal },
    );
  };

  const query = async (q: ArxivQuery): Promise<ArxivFeed> => {
    const params = new URLSearchParams();
    const ids = (q.idList ?? []).map((raw) => {
      const id = normalizeArxivId(raw);
      if (!id) throw new PaperboyError("bad_paper_ref", `"${raw}" is not an arXiv id.`);
      return id;
    });
    if (!q.searchQuery && ids.length === 0) {
      throw new PaperboyError("bad_input", "An arXiv query needs a search query or a list of ids.");
    }
    if (q.searchQuery) params.set("search_query", q.searchQuery);
    if (ids.length > 0) params.set("id_list", ids.join(","));
    params.set("start", String(Math.max(0, Math.trunc(q.start ?? 0))));
    params.set("max_results", String(Math.min(2000, Math.max(1, Math.trunc(q.maxResults ?? 100)))));
    if (q.sortBy) params.set("sortBy", q.sortBy);
    if (q.sortOrder) params.set("sortOrder", q.sortOrder);
    const url = `${options.baseUrl}?${params}`;
    return inTurn(q.signal, async () => parseArxivFeed(await getFeed(url, q)));
  };

  const getFeed = async (url: string, q: ArxivQuery): Promise<string> => {
    try {
      return await httpGet(url, {
        timeoutMs: q.timeoutMs ?? options.timeoutMs ?? 30_000,
        source: "arXiv",
        ...(q.signal ? { signal: q.signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
    } catch (error) {
      // arXiv may say "Rate exceeded." with a 5xx status; it is a rate limit, not an outage.
      if (error instanceof SourceError && /^\s*Rate exceeded/i.test(error.body ?? "")) {
        throw new SourceError("source_rate_limited", `arXiv answered HTTP ${error.status}: Rate exceeded.`, {
          ...(error.status === undefined ? {} : { status: error.status }),
          ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
          cause: error,
        });
      }
      throw error;
    }
  };

  return {
    query,
    async byId(id, call = {}) {
      const wanted = parsePaperRef(id);
      if (!wanted) throw new PaperboyError("bad_paper_ref", `"${id}" is not an arXiv id.`);
      const feed = await query({ ...call, idList: [wanted], maxResults: 1 });
      return feed.papers.find((paper) => paper.id === wanted) ?? null;
    },
    async byAuthors(names, call = {}) {
      const searchQuery = buildArxivAuthorQuery(names);
      if (!searchQuery) return [];
      const { limit, ...rest } = call;
      const sorted = { sortBy: "submittedDate", sortOrder: "descending" } as const;
      return (await query({ ...rest, ...sorted, searchQuery, maxResults: limit ?? 100 })).papers;
    },
    async search(text, call = {}) {
      const searchQuery = buildArxivSearchQuery(text);
      if (!searchQuery) return [];
      const { limit, ...rest } = call;
      return (await query({ ...rest, searchQuery, maxResults: limit ?? 10, sortBy: "relevance" })).papers;
    },
  };
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
