// Searches the local index: candidates from the FTS5 shards, ranked by per-field BM25, with snippets.
import type Database from "better-sqlite3";
import { normalizeArxivId } from "./arxiv-id.ts";
import { CandidateFinder } from "./candidate-finder.ts";
import { VectorMatrix } from "./embeddings/vector-matrix.ts";
import { matchExpression, matchParts } from "./fts-match.ts";
import type { Paper } from "./paper.ts";
import { type PaperRow, paperFromRow } from "./paper-row.ts";
import { idf, QueryMatcher, type ScoringTerm, scoreCandidate } from "./relevance.ts";
import type { RowFilter } from "./row-filter.ts";
import { isBlankQuery, type ParsedQuery, parseSearchQuery, type QueryTerm } from "./search-query.ts";
import { joinsVectors, rowPasses, VECTOR_DEPTH } from "./semantic-search.ts";
import { fuseRankings, similarHits } from "./similar-search.ts";
import { type Highlight, makeSnippet } from "./snippet.ts";
import { TermStats } from "./term-stats.ts";

/** Options of a search: paging, and an optional set of papers to rank instead of the whole index. */
export interface SearchOptions {
  /** Hits to return (default 10, at most 100). */
  limit?: number;
  /** Hits to skip, for "more results" (at most 1,000). */
  offset?: number;
  /** Rank only these papers (by arXiv id), e.g. a digest's candidates; only those that match are returned. */
  ids?: string[];
  /** The query's vector (see semantic-search.ts): its nearest papers are fused with BM25's ranking. */
  vector?: Float32Array | number[];
  /** Weight of the vectors' ranking against BM25's 1 (default 1). */
  vectorWeight?: number | undefined;
  /** Ignore the query: the papers whose vectors are nearest this paper's (by arXiv id). */
  similarTo?: string;
}

/**
 * One search result. `snippet` is plain text from the abstract (never markup); `highlights` are the
 * `[start, end)` UTF-16 ranges of the matched words in it, and `titleHighlights` the same for
 * `paper.title`, so a renderer can escape the text and then mark those ranges its own way.
 */
export interface SearchHit {
  paper: Paper;
  /** Relevance, higher is better; only comparable within one search. */
  score: number;
  snippet: string;
  highlights: Highlight[];
  titleHighlights: Highlight[];
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const MAX_OFFSET = 1000;

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** The query's category and date filters, if any. */
function rowFilter(query: ParsedQuery): RowFilter | undefined {
  if (query.categories.length === 0 && !query.since && !query.before) return undefined;
  const filter: RowFilter = { categories: query.categories };
  if (query.since) filter.since = query.since;
  if (query.before) filter.before = query.before;
  return filter;
}

/**
 * Snippet and highlights for any paper against a query, e.g. a paper a remote source returned, so
 * that every hit of a merged result list reads the same.
 */
export function describeMatch(
  query: string,
  paper: Pick<Paper, "title" | "abstract">,
): Pick<SearchHit, "snippet" | "highlights" | "titleHighlights"> {
  const parsed = parseSearchQuery(query);
  const words = [...parsed.terms, ...parsed.phrases.flat()].map((t) => ({ ...t, idf: 1 }));
  const matcher = new QueryMatcher(words);
  const abstract = matcher.match(paper.abstract).map((h): Highlight => [h.start, h.end]);
  const snippet = makeSnippet(paper.abstract, abstract);
  const titleHighlights = matcher.match(paper.title).map((h): Highlight => [h.start, h.end]);
  return { snippet: snippet.text, highlights: snippet.highlights, titleHighlights };
}

/** The query's words and phrases as parts, by index into `terms` (see QueryMatcher.parts). */
export function queryParts(query: ParsedQuery, terms: readonly { stem: string }[]): number[][] {
  const index = new Map(terms.map((t, i) => [t.stem, i]));
  return [...query.terms.map((t) => [t]), ...query.phrases]
    .map((part) => part.map((t) => index.get(t.stem)).filter((i): i is number => i !== undefined))
    .filter((part) => part.length > 0);
}

/** The search half of the index. */
export class IndexSearch {
  readonly #db: Database.Database;
  readonly #stats: TermStats;
  readonly #finder: CandidateFinder;
  readonly #docCount: () => number;
  readonly #rowsByRowid: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #vectors: VectorMatrix | undefined;

  /** `model` names the embedder whose stored vectors searches may use (none: BM25 alone). */
  constructor(db: Database.Database, shardCount: number, docCount: () => number, model?: string) {
    this.#db = db;
    this.#stats = new TermStats(db, shardCount);
    this.#finder = new CandidateFinder(db, shardCount, this.#stats);
    this.#docCount = docCount;
    // Every candidate's row in one statement: a few hundred µs less per search than one read per row.
    this.#rowsByRowid = db.prepare(
      "SELECT rowid, * FROM papers WHERE rowid IN (SELECT value FROM json_each(?))",
    );
    this.#byId = db.prepare("SELECT rowid, * FROM papers WHERE id = ?");
    this.#vectors = model ? new VectorMatrix(db, model) : undefined;
  }

  /** Runs a search; any input is accepted and none throws. */
  search(input: string, options: SearchOptions = {}): SearchHit[] {
    const limit = clamp(options.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = clamp(options.offset, 0, 0, MAX_OFFSET);
    const query = parseSearchQuery(typeof input === "string" ? input : "");
    const allowed = options.ids ? this.#rowidsOf(options.ids) : undefined;
    if (options.similarTo !== undefined) return this.#similar(options.similarTo, limit, offset, allowed);

    if (query.paperId) {
      const row = this.#byId.get(query.paperId) as PaperRow | undefined;
      if (!row || offset > 0 || (allowed && !allowed.includes(row.rowid))) return [];
      return [this.#hit(row, 1, [], [])];
    }
    if (isBlankQuery(query)) return [];

    const docCount = Math.max(1, this.#docCount());
    const filter = rowFilter(query);
    const parts = matchParts(query);
    const depth = offset + limit + 10;
    let rowids: number[];
    if (allowed) rowids = this.#finder.within(matchExpression(parts), filter, this.#inDates(allowed, filter));
    else if (matchExpression(parts) === null && !filter?.categories.length)
      rowids = this.#newestInDates(filter, depth);
    else rowids = this.#finder.find(parts, filter, depth, docCount);

    const terms = this.#scoringTerms(query, docCount);
    const matcher = new QueryMatcher(terms, queryParts(query, terms));
    const averages = this.#stats.averages(docCount);
    type Ranked = { row: PaperRow; score: number; title: Highlight[]; abstract: Highlight[] };
    const near = options.vector && joinsVectors(query) ? this.#nearest(options.vector, depth, allowed) : [];
    const score = (rowids: number[]): Ranked[] =>
      (this.#rowsByRowid.all(JSON.stringify(rowids)) as PaperRow[]).flatMap((row) => {
        if (!rowPasses(row, filter)) return [];
        const r = scoreCandidate(matcher, row, averages);
        return [{ row, score: r.score, title: r.titleHighlights, abstract: r.abstractHighlights }];
      });
    // Without a filter to check, only the vector candidates that make the page are read and scored:
    // doing it for all 100 cost more than the vector scan itself (README, Semantic search).
    const page = filter ? undefined : { end: offset + limit, rowsOf: score };
    let ranked = score(page ? rowids : [...new Set([...rowids, ...near])]);
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        (b.row.published ?? "").localeCompare(a.row.published ?? "") ||
        b.row.rowid - a.row.rowid,
    );
    if (near.length > 0)
      ranked = fuseRankings(ranked, near, options.vectorWeight ?? 1, new Set(rowids), page);
    return ranked.slice(offset, offset + limit).map((r) => this.#hit(r.row, r.score, r.title, r.abstract));
  }

  /** Rowids of the papers nearest a query vector, best first (empty without vectors). */
  #nearest(vector: Float32Array | number[], depth: number, allowed: number[] | undefined): number[] {
    if (!this.#vectors) return [];
    this.#vectors.refresh();
    const query = vector instanceof Float32Array ? vector : Float32Array.from(vector);
    const within = allowed ? new Set(allowed) : undefined;
    return this.#vectors.nearest(query, Math.max(VECTOR_DEPTH, depth), within).map((m) => m.rowid);
  }

  /** Papers like a stored one (see similar-search.ts). */
  #similar(id: string, limit: number, offset: number, allowed: number[] | undefined): SearchHit[] {
    const key = normalizeArxivId(String(id)) ?? String(id).trim();
    const row = this.#byId.get(key) as PaperRow | undefined;
    if (!row) return [];
    this.#vectors?.refresh();
    return similarHits(
      row,
      { limit, offset, allowed },
      {
        search: (query, options) => this.search(query, options),
        rows: (rowids) => this.#rowsByRowid.all(JSON.stringify(rowids)) as PaperRow[],
        hit: (found, score) => this.#hit(found, score, [], []),
        ...(this.#vectors ? { vectors: this.#vectors } : {}),
      },
    );
  }

  /** Ranked words: the free-text terms plus the words of quoted phrases, each with its idf. */
  #scoringTerms(query: ParsedQuery, docCount: number): ScoringTerm[] {
    const byStem = new Map<string, QueryTerm>();
    for (const term of [...query.terms, ...query.phrases.flat()])
      if (!byStem.has(term.stem)) byStem.set(term.stem, term);
    return [...byStem.values()].map((t) => ({
      ...t,
      idf: idf(this.#stats.wordFrequency(t.word, docCount), docCount),
    }));
  }

  #rowidsOf(ids: string[]): number[] {
    const wanted = [...new Set(ids.map((id) => normalizeArxivId(String(id)) ?? String(id).trim()))];
    const rowids: number[] = [];
    for (const id of wanted) {
      const row = this.#byId.get(id) as PaperRow | undefined;
      if (row) rowids.push(row.rowid);
    }
    return rowids;
  }

  /** The rowids published within the filter's dates. */
  #inDates(rowids: number[], filter: RowFilter | undefined): number[] {
    if (!filter || (!filter.since && !filter.before) || rowids.length === 0) return rowids;
    const sql = `SELECT rowid FROM papers WHERE rowid IN (${rowids.join(",")}) AND published >= ? AND published < ?`;
    return this.#db
      .prepare(sql)
      .pluck()
      .all(filter.since ?? "", filter.before ?? "9999") as number[];
  }

  /** A dates-only query: the newest papers in the range (by the published index). */
  #newestInDates(filter: RowFilter | undefined, count: number): number[] {
    if (!filter) return [];
    const sql =
      "SELECT rowid FROM papers WHERE published >= ? AND published < ? ORDER BY published DESC, rowid DESC LIMIT ?";
    return this.#db
      .prepare(sql)
      .pluck()
      .all(filter.since ?? "", filter.before ?? "9999", count) as number[];
  }

  #hit(
    row: PaperRow,
    score: number,
    titleHighlights: Highlight[],
    abstractHighlights: Highlight[],
  ): SearchHit {
    const snippet = makeSnippet(row.abstract, abstractHighlights);
    return {
      paper: paperFromRow(row),
      score,
      snippet: snippet.text,
      highlights: snippet.highlights,
      titleHighlights,
    };
  }
}
