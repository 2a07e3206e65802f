// Hugging Face papers: pure parsers for its JSON (daily papers, search, one paper) and a client that fetches them.
import type { z } from "zod";
import { PaperboyError } from "../../errors.ts";
import { lazySchema } from "../../lazy-zod.ts";
import type { Logger } from "../../logger.ts";
import { normalizeArxivId, parsePaperRef } from "../arxiv-id.ts";
import type { Paper, PaperSource } from "../paper.ts";
import { type FetchLike, httpGet, SourceError } from "./http-get.ts";
import { collapseWhitespace, httpUrl, isoDay, joinUrl } from "./paper-fields.ts";

// Every field but the id may be missing or odd on some record; an odd value is dropped, not fatal.
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The record schemas, built on the first Hugging Face answer parsed. */
const hfSchemas = lazySchema((z) => {
  const count = z.number().int().nonnegative();
  const HfAuthor = z.object({
    name: lenient(z.string()),
    hidden: lenient(z.boolean()),
    user: lenient(z.object({ fullname: lenient(z.string()) })),
  });
  return {
    /** The fields paperboy reads from a Hugging Face paper record (`item.paper`, or the flat detail). */
    HfPaperRecord: z.object({
      id: z.string(),
      title: lenient(z.string()),
      summary: lenient(z.string()),
      authors: lenient(z.array(HfAuthor)),
      publishedAt: lenient(z.string()),
      upvotes: lenient(count),
      ai_summary: lenient(z.string()),
      ai_keywords: lenient(z.array(z.string())),
      githubRepo: lenient(z.string()),
      thumbnail: lenient(z.string()),
      numComments: lenient(count),
    }),
    /** The wrapper a daily-papers or search item puts around `paper`; it repeats some fields. */
    HfItemWrapper: z.object({
      paper: lenient(z.record(z.string(), z.unknown())),
      title: lenient(z.string()),
      summary: lenient(z.string()),
      publishedAt: lenient(z.string()),
      thumbnail: lenient(z.string()),
      numComments: lenient(count),
    }),
  };
});

type Converted = { paper: Paper } | { noArxivId: true } | { invalid: string };

function convertItem(item: unknown, source: PaperSource): Converted {
  const { HfItemWrapper, HfPaperRecord } = hfSchemas();
  const wrapper = HfItemWrapper.safeParse(item);
  if (!wrapper.success) return { invalid: "not an object" };
  const outer = wrapper.data;
  const record = HfPaperRecord.safeParse(outer.paper ?? item);
  if (!record.success) return { invalid: "no paper id" };
  const inner = record.data;
  const title = collapseWhitespace(inner.title ?? outer.title ?? "");
  if (!title) return { invalid: "no title" };
  const id = normalizeArxivId(inner.id);
  if (!id) return { noArxivId: true };

  const paper: Paper = {
    id,
    title,
    abstract: collapseWhitespace(inner.summary ?? outer.summary ?? ""),
    authors: (inner.authors ?? [])
      .filter((author) => author.hidden !== true)
      .map((author) => collapseWhitespace(author.name ?? author.user?.fullname ?? ""))
      .filter((name) => name.length > 0),
    categories: [],
    source,
  };
  // The record's publishedAt is the arXiv date; the wrapper's is when it was posted to Daily Papers.
  const publishedAt = isoDay(inner.publishedAt ?? outer.publishedAt);
  if (publishedAt) paper.publishedAt = publishedAt;
  if (inner.upvotes !== undefined) paper.upvotes = inner.upvotes;
  const aiSummary = inner.ai_summary ? collapseWhitespace(inner.ai_summary) : "";
  if (aiSummary) paper.aiSummary = aiSummary;
  const keywords = (inner.ai_keywords ?? []).map(collapseWhitespace).filter((k) => k.length > 0);
  if (keywords.length > 0) paper.keywords = keywords;
  const githubRepo = httpUrl(inner.githubRepo);
  if (githubRepo) paper.githubRepo = githubRepo;
  const thumbnail = httpUrl(outer.thumbnail ?? inner.thumbnail);
  if (thumbnail) paper.thumbnail = thumbnail;
  const numComments = outer.numComments ?? inner.numComments;
  if (numComments !== undefined) paper.numComments = numComments;
  return { paper };
}

/**
 * One Hugging Face item (a daily-papers/search item `{paper, …}` or a flat paper record) as a
 * Paper, or null when it has no usable id or title. File import uses this to skip bad items.
 */
export function paperFromHfItem(item: unknown, source: PaperSource = "hf"): Paper | null {
  const converted = convertItem(item, source);
  return "paper" in converted ? converted.paper : null;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trim().slice(0, 60);
    throw new PaperboyError(
      "source_bad_response",
      `Hugging Face sent ${what} that is not JSON${start ? ` (starts "${start}")` : " (empty body)"}.`,
      { cause: error },
    );
  }
}

// Hugging Face reports some failures as `{"error": "…"}` rather than through the status.
function errorField(value: unknown): string | undefined {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const error = (value as Record<string, unknown>).error;
    if (typeof error === "string") return error;
  }
  return undefined;
}

/** Parses a list response; also says how many items it held, which is what paging compares to `limit`. */
function parseList(text: string): { papers: Paper[]; itemCount: number } {
  const value = parseJson(text, "a paper list");
  if (!Array.isArray(value)) {
    const error = errorField(value);
    const detail = error
      ? `Hugging Face answered with an error: ${error}`
      : "Hugging Face sent a paper list that is not an array.";
    throw new PaperboyError("source_bad_response", detail);
  }
  const papers: Paper[] = [];
  let invalid = 0;
  let firstProblem = "";
  for (const item of value) {
    const converted = convertItem(item, "hf");
    if ("paper" in converted) papers.push(converted.paper);
    else if ("invalid" in converted) {
      invalid += 1;
      firstProblem ||= converted.invalid;
    }
  }
  // One odd item is skipped; a list where every item is odd means the format changed, which must be loud.
  if (value.length > 0 && invalid === value.length) {
    throw new PaperboyError(
      "source_bad_response",
      `Hugging Face sent ${value.length} items in an unknown shape (${firstProblem}).`,
    );
  }
  return { papers, itemCount: value.length };
}

/**
 * Parses a `GET /api/daily_papers` or `GET /api/papers/search` body. Items without an arXiv id
 * are skipped; an empty array (weekends) is `[]`. Throws `source_bad_response` for non-JSON, a
 * non-array, or a list in which no item has the expected shape.
 */
export function parseHfPaperList(text: string): Paper[] {
  return parseList(text).papers;
}

/** Parses a `GET /api/papers/{id}` body; throws `source_bad_response` unless it is a paper with an arXiv id. */
export function parseHfPaper(text: string): Paper {
  const value = parseJson(text, "a paper");
  const error = errorField(value);
  if (error) throw new PaperboyError("source_bad_response", `Hugging Face answered with an error: ${error}`);
  const converted = convertItem(value, "hf");
  if ("paper" in converted) return converted.paper;
  const why = "invalid" in converted ? converted.invalid : "no arXiv id";
  throw new PaperboyError(
    "source_bad_response",
    `Hugging Face sent a paper record that cannot be read (${why}).`,
  );
}

export interface HfClientOptions {
  /** `https://huggingface.co`, or a stand-in's URL. */
  baseUrl: string;
  /** Per-request budget; default 10 s. */
  timeoutMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
}

/** Per-call overrides: a shorter budget (search under a deadline) or the caller's cancellation. */
export interface HfCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Which daily papers to list: at most one of `date`, `week`, `month`; none means the latest day. */
export interface DailyPapersQuery extends HfCallOptions {
  date?: string;
  week?: string;
  month?: string;
  /** Zero-based page (`p`). */
  page?: number;
  /** Items per page, 1–100; default 100. */
  limit?: number;
}

export interface HfClient {
  /** One page of daily papers. A day without papers (weekends) gives `[]`. */
  dailyPapers(query?: DailyPapersQuery): Promise<Paper[]>;
  /** Every page until a short page, de-duplicated by id; at most `maxPages` (default 50) requests. */
  allDailyPapers(query?: Omit<DailyPapersQuery, "page"> & { maxPages?: number }): Promise<Paper[]>;
  /** One paper by arXiv id (or anything `parsePaperRef` reads as one); null when Hugging Face has no page for it (404). */
  paper(id: string, options?: HfCallOptions): Promise<Paper | null>;
  /** Hugging Face's own paper search; `limit` 1–100, default 20. */
  search(query: string, options?: HfCallOptions & { limit?: number }): Promise<Paper[]>;
}

const PERIODS = { date: /^\d{4}-\d{2}-\d{2}$/, week: /^\d{4}-W\d{2}$/, month: /^\d{4}-\d{2}$/ } as const;
// Hugging Face rejects very long queries; nobody types more than this into a search box anyway.
const MAX_SEARCH_CHARS = 500;

/** Builds the Hugging Face client; errors are `SourceError`s from `httpGet` or `source_bad_response`. */
export function createHfClient(options: HfClientOptions): HfClient {
  const get = (path: string, params: URLSearchParams, call: HfCallOptions = {}) => {
    const query = params.toString();
    return httpGet(`${joinUrl(options.baseUrl, path)}${query ? `?${query}` : ""}`, {
      timeoutMs: call.timeoutMs ?? options.timeoutMs ?? 10_000,
      source: "Hugging Face",
      headers: { accept: "application/json" },
      ...(call.signal ? { signal: call.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  };

  const dailyPage = async (query: DailyPapersQuery) => {
    const params = new URLSearchParams();
    const periods = (["date", "week", "month"] as const).filter((key) => query[key] !== undefined);
    if (periods.length > 1) {
      throw new PaperboyError("bad_input", `Give one of date, week or month, not ${periods.join(" and ")}.`);
    }
    for (const key of periods) {
      const value = query[key] ?? "";
      if (!PERIODS[key].test(value))
        throw new PaperboyError("bad_input", `"${value}" is not a valid ${key}.`);
      params.set(key, value);
    }
    params.set("limit", String(clamp(query.limit ?? 100, 1, 100)));
    params.set("p", String(Math.max(0, Math.trunc(query.page ?? 0))));
    return parseList(await get("/api/daily_papers", params, query));
  };

  return {
    async dailyPapers(query = {}) {
      return (await dailyPage(query)).papers;
    },

    async allDailyPapers(query = {}) {
      const limit = clamp(query.limit ?? 100, 1, 100);
      const maxPages = query.maxPages ?? 50;
      const byId = new Map<string, Paper>();
      for (let page = 0; page < maxPages; page += 1) {
        const { papers, itemCount } = await dailyPage({ ...query, limit, page });
        const before = byId.size;
        for (const paper of papers) if (!byId.has(paper.id)) byId.set(paper.id, paper);
        // A short page is the last; a page with nothing new means the server ignores `p`, so stop too.
        if (itemCount < limit || byId.size === before) break;
      }
      return [...byId.values()];
    },

    async paper(id, call = {}) {
      const arxivId = parsePaperRef(id);
      // Only a validated id goes into the path: nothing a user typed reaches the URL unchecked.
      if (!arxivId) throw new PaperboyError("bad_paper_ref", `"${id}" is not an arXiv id.`);
      try {
        return parseHfPaper(await get(`/api/papers/${arxivId}`, new URLSearchParams(), call));
      } catch (error) {
        if (error instanceof SourceError && error.status === 404) return null;
        throw error;
      }
    },

    async search(query, call = {}) {
      const q = collapseWhitespace(query).slice(0, MAX_SEARCH_CHARS);
      if (!q) return [];
      const params = new URLSearchParams({ q, limit: String(clamp(call.limit ?? 20, 1, 100)) });
      return parseHfPaperList(await get("/api/papers/search", params, call));
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return max;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
