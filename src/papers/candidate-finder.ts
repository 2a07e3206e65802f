// Stage one of a search: a bounded set of candidate rowids from the FTS5 shards, chosen by cost.
import type Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { type MatchParts, type MatchUnit, matchExpression } from "./fts-match.ts";
import { shardSchema } from "./index-schema.ts";
import { categoryClause, filterSql, type RowFilter } from "./row-filter.ts";
import type { TermStats } from "./term-stats.ts";

// Cost model of FTS5's bm25() ranking, measured on this machine: scoring a matching row costs about
// 0.6 µs, and computing idf reads every posting of every phrase in the expression (~0.03 µs each),
// however few rows match. A bm25() query is run only within the budget; past it, candidates are the
// newest matches, which FTS5 returns (ORDER BY rowid DESC LIMIT) without reading older postings.
const COST_MICROS = {
  row: 0.6,
  posting: 0.03,
  // With a category or date filter each matching row is also looked up in the papers table.
  join: 1.0,
} as const;
const BUDGET_MICROS = 1800;
// Conjunctions use at most this many of the rarest words.
const MAX_CONJUNCTION = 4;
// The title-only source is skipped past this many words (see find()).
const MAX_TITLE_WORDS = 3;
// How many newest matches are scanned when filters must be checked on the papers table.
const FILTER_SCAN = 20_000;
// bm25() column weights (title, authors, abstract, categories) for choosing candidates; final
// scores are ours.
const BM25_WEIGHTS = "6.0, 3.0, 1.0, 0.0";

/** Finds candidates for ranking; knows the shards and the cost of each kind of FTS5 query. */
export class CandidateFinder {
  readonly #db: Database.Database;
  readonly #shards: string[];
  readonly #stats: TermStats;
  // One statement per query shape; the 200 most recently used stay prepared.
  readonly #statements = new LRUCache<string, Database.Statement>({ max: 200 });

  constructor(db: Database.Database, shardCount: number, stats: TermStats) {
    this.#db = db;
    this.#shards = Array.from({ length: shardCount }, (_, i) => shardSchema(i));
    this.#stats = stats;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The best `limit` rows by FTS5 bm25 for `match`, from every shard. Filters are joined on the
   * papers table: a category clause in the MATCH would make bm25() read the category's postings.
   */
  #byBm25(match: string, filter: RowFilter | undefined, limit: number): number[] {
    const where = filter ? filterSql(filter, true) : undefined;
    const perShard = this.#perShard(limit);
    const out: number[] = [];
    for (const s of this.#shards) {
      const sql = where
        ? `SELECT fts.rowid AS rowid, bm25(fts, ${BM25_WEIGHTS}) AS rank FROM ${s}.fts
           CROSS JOIN papers AS p ON p.rowid = fts.rowid WHERE fts MATCH ? AND ${where.sql} ORDER BY rank LIMIT ?`
        : `SELECT rowid, bm25(fts, ${BM25_WEIGHTS}) AS rank FROM ${s}.fts WHERE fts MATCH ? ORDER BY rank LIMIT ?`;
      const rows = this.#prepare(sql)
        .raw()
        .all(match, ...(where?.params ?? []), perShard) as [number, number][];
      for (const [rowid] of rows) out.push(rowid);
    }
    return out;
  }

  /**
   * The newest `limit` rows matching `match` and the filter, from every shard. Categories join the
   * MATCH (FTS5 walks newest-first and stops early); dates need the papers table, so only the
   * newest FILTER_SCAN matches are checked.
   */
  #newest(match: string, filter: RowFilter | undefined, limit: number): number[] {
    return this.#newestOrAll(match, filter, limit, 0).rows;
  }

  /**
   * Like #newest, but a shard with at most `few` matches gives all of them: newest-first is no ranking,
   * and when a conjunction matches only a handful of papers, ranking every one of them costs little and
   * finds what the newest few would miss. `counted` is what #newest alone would have returned, for
   * deciding whether there are enough candidates.
   */
  #newestOrAll(
    match: string,
    filter: RowFilter | undefined,
    limit: number,
    few: number,
  ): { rows: number[]; counted: number } {
    const categories = categoryClause(filter);
    const full = categories ? `(${match}) AND ${categories}` : match;
    const dates = filter ? filterSql(filter, false) : undefined;
    const perShard = this.#perShard(limit);
    const out: number[] = [];
    let counted = 0;
    for (const s of this.#shards) {
      const sql = dates
        ? `SELECT m.rowid FROM (SELECT rowid FROM ${s}.fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ${FILTER_SCAN}) AS m
           CROSS JOIN papers AS p ON p.rowid = m.rowid WHERE ${dates.sql} LIMIT ?`
        : `SELECT rowid FROM ${s}.fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?`;
      const rows = this.#prepare(sql)
        .pluck()
        .all(full, ...(dates?.params ?? []), Math.max(perShard, few + 1)) as number[];
      const kept = rows.length <= few ? rows : rows.slice(0, perShard);
      out.push(...kept);
      counted += Math.min(rows.length, perShard);
    }
    return { rows: out, counted };
  }

  /** Rows among `rowids` that match `match` (for ranking a given set of papers). */
  within(match: string | null, filter: RowFilter | undefined, rowids: number[]): number[] {
    if (rowids.length === 0) return rowids;
    const categories = categoryClause(filter);
    if (categories) match = match === null ? categories : `(${match}) AND ${categories}`;
    if (match === null) return rowids;
    const list = rowids.map(Number).filter(Number.isSafeInteger).join(",");
    const out: number[] = [];
    for (const s of this.#shards) {
      const sql = `SELECT rowid FROM ${s}.fts WHERE fts MATCH ? AND rowid IN (${list})`;
      out.push(...(this.#db.prepare(sql).pluck().all(match) as number[]));
    }
    return out;
  }

  /**
   * How many to take from each shard for `limit` overall. Shards hold interleaved halves of the
   * same stream, so each holds about its share of any top list; a margin covers the unevenness.
   */
  #perShard(limit: number): number {
    return this.#shards.length > 1 ? Math.ceil((limit * 1.2) / this.#shards.length) : limit;
  }

  /**
   * Candidate rowids for a query, at most a few hundred, from several cheap queries whose union
   * holds what full ranking would put first. `depth` is how many the caller will rank.
   */
  find(parts: MatchParts, filter: RowFilter | undefined, depth: number, docCount: number): number[] {
    const words = matchExpression(parts);
    // Only filters (an author, a category): nothing to rank by, so the newest papers that pass.
    if (words === null) {
      const categories = categoryClause(filter);
      return categories && filter ? this.#newest(categories, { ...filter, categories: [] }, depth) : [];
    }
    const all = words;
    if (parts.anyOf.length === 0 && parts.allOf.length === 0) return this.#newest(all, filter, depth);

    const df = (word: string) => this.#stats.wordFrequency(word, docCount);
    const filtered = filter !== undefined;
    // A phrase or an author name matches at most as many rows as its rarest word, and evaluating
    // it reads the postings of all its words: no need to run it to know what it costs.
    const required = [...parts.allOf.map((p) => p.map((t) => t.word)), ...parts.authors].map((words) => {
      const dfs = words.map(df);
      return { rows: Math.min(...dfs), postings: sum(dfs) };
    });
    const requiredPostings = sum(required.map((r) => r.postings));
    const requiredRows = required.length > 0 ? Math.min(...required.map((r) => r.rows)) : docCount;
    // A word, or a quoted phrase (it matches at most as many rows as its rarest word, and reads all its words).
    const optional = parts.anyOf
      .map((unit) => {
        const dfs = unit.map((t) => df(t.word));
        return { unit, df: Math.min(...dfs), postings: sum(dfs) };
      })
      .sort((a, b) => a.df - b.df);
    const optionalPostings = sum(optional.map((o) => o.postings));
    const rows = Math.min(requiredRows, optional.length > 0 ? sum(optional.map((o) => o.df)) : docCount);

    // Cheap enough: rank everything that matches.
    if (micros(rows, requiredPostings + optionalPostings, filtered) <= BUDGET_MICROS) {
      return this.#byBm25(all, filter, depth);
    }

    // Past the budget, cheaper sources are tried best-first until there are enough candidates.
    const candidates = new Set<number>();
    // Candidates past what #newest alone would have given do not count towards "enough", so taking all
    // of a small conjunction only adds candidates and never skips a later source.
    let extra = 0;
    const add = (rowids: number[], counted = rowids.length) => {
      for (const r of rowids) candidates.add(r);
      extra += rowids.length - counted;
      return candidates.size - extra >= depth;
    };
    // Papers with every word (then every word but the commonest) are few even when each word is
    // common, and they are what a sentence-like query is after. Past a few words the rarest decide:
    // an AND of 16 words would be read in full to find nothing.
    const addNewestOrAll = (match: string) => {
      const found = this.#newestOrAll(match, filter, depth, 2 * this.#perShard(depth));
      return add(found.rows, found.counted);
    };
    const rarest = optional.slice(0, MAX_CONJUNCTION);
    const subsets = rarest.length >= 3 ? [rarest, rarest.slice(0, -1)] : [rarest];
    for (const subset of subsets) {
      if (subset.length < 2 && required.length === 0) continue;
      const match = matchExpression({ ...parts, anyOf: subset.map((o) => o.unit) }, { conjunctive: true });
      if (!match) continue;
      const subsetRows = Math.min(requiredRows, subset[0]?.df ?? docCount);
      const cheap =
        micros(subsetRows, requiredPostings + sum(subset.map((o) => o.postings)), filtered) <= BUDGET_MICROS;
      if (cheap ? add(this.#byBm25(match, filter, depth)) : addNewestOrAll(match)) return [...candidates];
    }
    // The rarest words carry most of the score: let them choose candidates on their own.
    const drivers: MatchUnit[] = [];
    let driverRows = 0;
    let postings = 0;
    for (const o of required.length === 0 ? optional : []) {
      if (micros(driverRows + o.df, postings + o.postings, filtered) > BUDGET_MICROS) break;
      drivers.push(o.unit);
      driverRows += o.df;
      postings += o.postings;
    }
    const driverMatch = matchExpression({ anyOf: drivers, allOf: [], authors: [] });
    if (driverMatch && add(this.#byBm25(driverMatch, filter, depth))) return [...candidates];
    // Only common words, and few: the newest papers with all of them in the title. (A column filter
    // checks positions, so with many words that rarely share a title it would scan for nothing.)
    if (drivers.length === 0 && parts.allOf.length === 0 && optional.length <= MAX_TITLE_WORDS) {
      const inTitle = matchExpression(parts, { columns: ["title"], conjunctive: true });
      if (inTitle && add(this.#newest(inTitle, filter, depth))) return [...candidates];
    }
    add(this.#newest(all, filter, depth));
    return [...candidates];
  }
}

/** Estimated cost of a bm25() query in microseconds. */
function micros(rows: number, postings: number, filtered: boolean): number {
  return (COST_MICROS.row + (filtered ? COST_MICROS.join : 0)) * rows + COST_MICROS.posting * postings;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
