// Cheap, cached estimates of how many papers contain a word or phrase, and of average field lengths.
import type Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { ftsString } from "./fts-match.ts";
import { shardSchema } from "./index-schema.ts";
import type { FieldAverages } from "./relevance.ts";

// Counting stops here per shard; past it a term is "common" and its frequency is extrapolated from
// where its newest SAMPLE-th match sits, which costs the same bounded amount of work.
const SAMPLE = 500;
// Estimates are reused until the index has grown or shrunk by this fraction.
const STALE_FRACTION = 0.02;
const CACHE_LIMIT = 20_000;

interface Cached {
  value: number;
  atCount: number;
}

/** Document-frequency estimates for MATCH strings, summed over shards and cached. */
export class TermStats {
  readonly #count: Database.Statement[];
  readonly #sampleEdge: Database.Statement[];
  readonly #maxRowid: Database.Statement;
  readonly #averages: Database.Statement;
  // Keyed by query terms, which come without end: the most recently used CACHE_LIMIT stay (maxSize, one per
  // entry, grows as used where `max` would preallocate every slot when the index opens).
  readonly #cache = new LRUCache<string, Cached>({ maxSize: CACHE_LIMIT, sizeCalculation: () => 1 });
  #averagesCache: (FieldAverages & { atCount: number }) | undefined;

  constructor(db: Database.Database, shardCount: number) {
    const shards = Array.from({ length: shardCount }, (_, i) => shardSchema(i));
    this.#count = shards.map((s) =>
      db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${s}.fts WHERE fts MATCH ? LIMIT ${SAMPLE})`),
    );
    this.#sampleEdge = shards.map((s) =>
      db.prepare(
        `SELECT min(rowid) AS r FROM (SELECT rowid FROM ${s}.fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ${SAMPLE})`,
      ),
    );
    this.#maxRowid = db.prepare("SELECT max(rowid) AS m FROM papers");
    this.#averages = db.prepare(
      `SELECT avg(length(title)) AS title, avg(length(authors)) AS authors, avg(length(abstract)) AS abstract
       FROM (SELECT title, authors, abstract FROM papers ORDER BY rowid DESC LIMIT 500)`,
    );
  }

  #fresh(entry: { atCount: number } | undefined, docCount: number): boolean {
    return (
      entry !== undefined &&
      Math.abs(entry.atCount - docCount) <= Math.max(20, entry.atCount * STALE_FRACTION)
    );
  }

  /** Estimated number of papers matching an FTS5 MATCH expression over all shards. */
  documentFrequency(match: string, docCount: number): number {
    const cached = this.#cache.get(match);
    if (this.#fresh(cached, docCount)) return cached?.value ?? 0;
    let total = 0;
    let maxRowid: number | undefined;
    this.#count.forEach((count, shard) => {
      const n = (count.get(match) as { n: number }).n;
      if (n < SAMPLE) {
        total += n;
        return;
      }
      // A shard's papers are spread evenly over the rowids (imports alternate shards), so if its
      // SAMPLE newest matches span `span` rowids, the term is in about SAMPLE/span of all rowids.
      maxRowid ??= (this.#maxRowid.get() as { m: number | null }).m ?? 0;
      const edge = (this.#sampleEdge[shard]?.get(match) as { r: number | null } | undefined)?.r ?? 1;
      const span = Math.max(1, maxRowid - edge + 1);
      total += (SAMPLE * maxRowid) / span;
    });
    this.#cache.set(match, { value: Math.min(total, docCount), atCount: docCount });
    return Math.min(total, docCount);
  }

  /** Estimated frequency of one word (FTS5 stems it the same way as the index). */
  wordFrequency(word: string, docCount: number): number {
    return this.documentFrequency(ftsString([word]), docCount);
  }

  /** Average title, author-list and abstract lengths over the newest papers. */
  averages(docCount: number): FieldAverages {
    if (this.#averagesCache && this.#fresh(this.#averagesCache, docCount)) return this.#averagesCache;
    const row = this.#averages.get() as Partial<Record<keyof FieldAverages, number | null>>;
    this.#averagesCache = {
      title: row.title ?? 80,
      authors: row.authors ?? 60,
      abstract: row.abstract ?? 1200,
      atCount: docCount,
    };
    return this.#averagesCache;
  }
}
