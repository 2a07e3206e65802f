// Gathers a day's candidate papers from a channel's sources, once per source and day however many channels ask.
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import { addDays } from "./zoned-time.ts";

/** The part of the Hugging Face client the digest uses. */
export interface DailyPapersSource {
  allDailyPapers(query: { date: string; maxPages?: number }): Promise<Paper[]>;
}

/** The part of the arXiv new-submissions feed client the digest uses. */
export interface NewSubmissionsSource {
  newSubmissions(category: string): Promise<Paper[]>;
}

/** The part of the arXiv API client the digest uses to find followed authors' new papers the day's sources miss. */
export interface AuthorPapersSource {
  byAuthors(names: readonly string[], options?: { timeoutMs?: number }): Promise<Paper[]>;
}

/** The part of the papers index the digest uses: ingest what it fetched, and fall back to it. */
export interface DigestIndex {
  upsert(papers: Paper[]): unknown;
  get(id: string): Paper | null | undefined;
  recent(options: { since?: string; before?: string; categories?: string[]; limit?: number }): Paper[];
}

export interface CandidateResult {
  papers: Paper[];
  /** Configured sources (`hf`, `arxiv:cs.LG`) that failed; their papers came from the index instead. */
  unreachable: string[];
  /** Sources that answered with nothing for the day; their papers came from the index instead. */
  empty?: string[];
}

export interface CandidateFetcher {
  /**
   * Candidates for `date` from `sources`; a source that is down or has nothing is replaced by what the index
   * has. With `follow` (a channel's followed authors) and an `authors` source, the followed authors' papers
   * submitted in the few days before `date` are added, one arXiv query per author list and day: a paper
   * in a category the channel's sources do not read is still found. Never throws.
   */
  fetch(sources: readonly string[], date: string, follow?: readonly string[]): Promise<CandidateResult>;
  /** Fetches that failed since the start, by source (`hf`, `arxiv`: a category's feed counts as arXiv's). */
  sourceFailures(): Record<string, number>;
}

export interface CandidateFetcherOptions {
  hf?: DailyPapersSource;
  arxiv?: NewSubmissionsSource;
  /** The arXiv API, asked for followed authors' recent papers (only for dates around today). */
  authors?: AuthorPapersSource;
  index?: DigestIndex;
  /** Remembers which ids each source gave for a day, so a later outage can reuse exactly that list. */
  store?: StateStore;
  logger: Logger;
  /** How long a source's answer for a day is reused. Default 10 minutes; failures are retried after 1 minute. */
  cacheMs?: number;
  now?: () => number;
}

const FALLBACK_LIMIT = 300;
// Source-days remembered: a month of days for a dozen sources.
const MAX_CACHED_DAYS = 400;
const SEEN_TTL_MS = 30 * 86_400_000;
/** A followed author's paper submitted this many days before a digest's date still counts as new. */
const FOLLOWED_LOOKBACK_DAYS = 3;
/** How long a digest waits for arXiv's author search before going on without it. */
const FOLLOWED_TIMEOUT_MS = 15_000;

/** Builds the fetcher. Fetched papers are upserted into the index (so ranking can score them there). */
export function createCandidateFetcher(options: CandidateFetcherOptions): CandidateFetcher {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  // One entry per source and day; the most recent MAX_CACHED_DAYS stay. Freshness is checked against the
  // injected clock (10 minutes, 1 for a failure), so lru-cache only bounds the count.
  const cache = new LRUCache<
    string,
    { at: number; ttl: number; result: Promise<{ papers: Paper[]; ok: boolean; empty?: boolean }> }
  >({ max: MAX_CACHED_DAYS });
  // Per source name, not per category: the same label values as the search's failures, and a bounded few.
  const failures: Record<string, number> = {};

  async function fromSource(source: string, date: string): Promise<Paper[]> {
    if (source === "hf") {
      if (!options.hf) throw new Error("no Hugging Face client configured");
      return options.hf.allDailyPapers({ date, maxPages: 5 });
    }
    if (source.startsWith("arxiv:")) {
      // The new-submissions feed only ever shows the latest announcement; older days come from the index.
      const today = new Date(now()).toISOString().slice(0, 10);
      if (date < addDays(today, -1) || date > addDays(today, 1)) return fromIndex(source, date);
      if (!options.arxiv) throw new Error("no arXiv feed client configured");
      return options.arxiv.newSubmissions(source.slice("arxiv:".length));
    }
    throw new Error(`unknown source ${source}`);
  }

  /** What the index already has for that source and day: the ids it gave last time, else papers of that date. */
  async function fromIndex(source: string, date: string): Promise<Paper[]> {
    const index = options.index;
    if (!index) return [];
    const papers: Paper[] = [];
    const seen = await options.store?.get<string[]>(seenKey(source, date)).catch(() => undefined);
    for (const id of seen ?? []) {
      const paper = index.get(id);
      if (paper) papers.push(paper);
    }
    if (papers.length > 0) return papers;
    // Hugging Face features papers a day or two after arXiv publishes them; look back a little.
    const categories = source.startsWith("arxiv:") ? [source.slice("arxiv:".length)] : undefined;
    const around = index.recent({
      since: addDays(date, source === "hf" ? -3 : -1),
      before: addDays(date, 1),
      ...(categories ? { categories } : {}),
      limit: FALLBACK_LIMIT,
    });
    if (around.length > 0) return around;
    // Nothing from those days (an index filled from an older sample, a long outage): the newest it has.
    return index.recent({
      before: addDays(date, 1),
      ...(categories ? { categories } : {}),
      limit: FALLBACK_LIMIT,
    });
  }

  async function load(
    source: string,
    date: string,
  ): Promise<{ papers: Paper[]; ok: boolean; empty?: boolean }> {
    try {
      const papers = await fromSource(source, date);
      // A source with nothing for the day (a weekend, a quiet feed): the digest uses what the index has.
      if (papers.length === 0) return { papers: await fromIndex(source, date), ok: true, empty: true };
      options.index?.upsert(papers);
      const ids = papers.map((paper) => paper.id);
      await options.store?.set(seenKey(source, date), ids, SEEN_TTL_MS).catch((error: unknown) => {
        logger.warn({ err: error, source, date }, "could not remember the source's ids");
      });
      return { papers, ok: true };
    } catch (error) {
      const name = source.split(":")[0] ?? source;
      failures[name] = (failures[name] ?? 0) + 1;
      logger.warn({ err: error, source, date }, "paper source unreachable; using the index");
      try {
        return { papers: await fromIndex(source, date), ok: false };
      } catch (indexError) {
        logger.error({ err: indexError, source, date }, "index fallback failed");
        return { papers: [], ok: false };
      }
    }
  }

  function cached(source: string, date: string) {
    const key = `${source}|${date}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < hit.ttl) return hit.result;
    const entry = { at: now(), ttl: cacheMs, result: load(source, date) };
    cache.set(key, entry);
    // A failed fetch is retried sooner than a good answer is refreshed.
    void entry.result.then((result) => {
      if (!result.ok) entry.ttl = Math.min(cacheMs, 60_000);
    });
    return entry.result;
  }

  /** Followed authors' papers submitted in the days up to `date`; [] when arXiv cannot be asked or fails. */
  async function byFollowed(
    follow: readonly string[],
    date: string,
  ): Promise<{ papers: Paper[]; ok: boolean }> {
    const authors = options.authors;
    const today = new Date(now()).toISOString().slice(0, 10);
    // arXiv's author search is about what is new now; an older day's digest uses what the sources gave.
    if (!authors || date < addDays(today, -1) || date > addDays(today, 1)) return { papers: [], ok: true };
    try {
      const since = addDays(date, -FOLLOWED_LOOKBACK_DAYS);
      const papers = (await authors.byAuthors(follow, { timeoutMs: FOLLOWED_TIMEOUT_MS })).filter(
        (paper) => paper.publishedAt !== undefined && paper.publishedAt >= since && paper.publishedAt <= date,
      );
      if (papers.length > 0) options.index?.upsert(papers);
      return { papers, ok: true };
    } catch (error) {
      logger.warn({ err: error, date }, "arXiv could not be asked for followed authors' papers");
      return { papers: [], ok: false };
    }
  }

  function cachedFollowed(follow: readonly string[], date: string) {
    // One entry per author list and day, in the same bounded cache as the sources.
    const key = `authors:${[...follow].sort().join("|")}`;
    const hit = cache.get(`${key}|${date}`);
    if (hit && now() - hit.at < hit.ttl) return hit.result;
    const entry = { at: now(), ttl: cacheMs, result: byFollowed(follow, date) };
    cache.set(`${key}|${date}`, entry);
    void entry.result.then((result) => {
      if (!result.ok) entry.ttl = Math.min(cacheMs, 60_000);
    });
    return entry.result;
  }

  return {
    async fetch(sources, date, follow = []) {
      const [results, followed] = await Promise.all([
        Promise.all(sources.map((source) => cached(source, date))),
        follow.length > 0 ? cachedFollowed(follow, date) : { papers: [] },
      ]);
      return {
        papers: [...results.flatMap((result) => result.papers), ...followed.papers],
        unreachable: sources.filter((_, i) => !results[i]?.ok),
        empty: sources.filter((_, i) => results[i]?.empty === true),
      };
    },
    sourceFailures: () => ({ ...failures }),
  };
}

function seenKey(source: string, date: string): string {
  return `digest:source-ids:${source}:${date}`;
}
