// Paper vectors beside the index: one row per paper in papers.db (Int8 blob + scale), tagged by model and text hash.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { fromBlob, quantize, toBlob } from "./vector-codec.ts";

// `seq` grows with every write so a reader (a search worker's matrix) loads only what changed since it
// last looked. `stale` marks a paper whose indexed text changed: its hash decides whether to re-embed.
export const VECTORS_SQL = `
  CREATE TABLE IF NOT EXISTS paper_vectors (
    rowid INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0,
    scale REAL NOT NULL,
    vec BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS paper_vectors_seq ON paper_vectors(seq);
`;

/** The hash that identifies a paper's embedded text (its title and abstract), i.e. its version. */
export function textHash(text: string): string {
  return createHash("sha1").update(text).digest("base64url").slice(0, 16);
}

/** A paper that needs a vector for the current model. */
export interface PendingVector {
  rowid: number;
  title: string;
  abstract: string;
  /** The hash of the text the stored vector was computed from, if any. */
  hash: string | null;
  /** The model the stored vector came from, if any. */
  model: string | null;
}

/** One stored vector as a reader loads it. */
export interface StoredVector {
  rowid: number;
  seq: number;
  scale: number;
  vec: Uint8Array;
}

/** The statements VectorStore runs, by name. */
const VECTOR_SQL = {
  pending: `SELECT p.rowid AS rowid, p.title AS title, p.abstract AS abstract, v.hash AS hash, v.model AS model FROM papers p
       LEFT JOIN paper_vectors v ON v.rowid = p.rowid
       WHERE p.rowid > ? AND (v.rowid IS NULL OR v.model != ? OR v.stale = 1) ORDER BY p.rowid LIMIT ?`,
  put: `INSERT INTO paper_vectors(rowid, model, hash, seq, stale, scale, vec) VALUES (?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT(rowid) DO UPDATE SET model = excluded.model, hash = excluded.hash, seq = excluded.seq,
       stale = 0, scale = excluded.scale, vec = excluded.vec`,
  keep: "UPDATE paper_vectors SET stale = 0 WHERE rowid = ?",
  markStale: "UPDATE paper_vectors SET stale = 1 WHERE rowid = ?",
  get: "SELECT model, scale, vec FROM paper_vectors WHERE rowid = ?",
  maxSeq: "SELECT coalesce(max(seq), 0) AS seq FROM paper_vectors",
  // Papers are never deleted and a vector row is only ever written for a stored paper, so equal counts mean
  // every paper has a current vector: ≈7 ms on 75k papers, where `pending` reads every paper (≈45 ms).
  allCurrent: `SELECT (SELECT count(*) FROM papers) =
       (SELECT count(*) FROM paper_vectors WHERE model = ? AND stale = 0) AS yes`,
} as const;

/** Reads and writes paper_vectors on one connection. */
export class VectorStore {
  readonly #db: Database.Database;
  readonly #sql: Record<keyof typeof VECTOR_SQL, Database.Statement>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = {
      pending: db.prepare(VECTOR_SQL.pending),
      put: db.prepare(VECTOR_SQL.put),
      keep: db.prepare(VECTOR_SQL.keep),
      markStale: db.prepare(VECTOR_SQL.markStale),
      get: db.prepare(VECTOR_SQL.get),
      maxSeq: db.prepare(VECTOR_SQL.maxSeq).pluck(),
      allCurrent: db.prepare(VECTOR_SQL.allCurrent).pluck(),
    };
  }

  /** Whether every paper has a vector of `model` for its current text (nothing is pending). */
  allCurrent(model: string): boolean {
    return this.#sql.allCurrent.get(model) === 1;
  }

  /** Up to `limit` papers after `afterRowid` without a current vector for `model`, by rowid. */
  pending(model: string, afterRowid: number, limit: number): PendingVector[] {
    return this.#sql.pending.all(afterRowid, model, limit) as PendingVector[];
  }

  /** Stores vectors (one transaction); an unchanged text (same hash) only loses its stale mark. */
  write(model: string, rows: { rowid: number; hash: string; vector?: Float32Array }[]): void {
    this.#db.transaction(() => {
      let seq = this.#sql.maxSeq.get() as number;
      for (const row of rows) {
        if (!row.vector) {
          this.#sql.keep.run(row.rowid);
          continue;
        }
        const q = quantize(row.vector);
        this.#sql.put.run(row.rowid, model, row.hash, ++seq, q.scale, toBlob(q));
      }
    })();
  }

  /** Marks papers whose indexed text changed (call in the writer's transaction). */
  markStale(rowid: number): void {
    this.#sql.markStale.run(rowid);
  }

  /** The stored vector of a paper for `model`, if any. */
  get(rowid: number, model: string): Float32Array | undefined {
    const row = this.#sql.get.get(rowid) as { model: string; scale: number; vec: Uint8Array } | undefined;
    return row && row.model === model ? fromBlob(row.vec, row.scale) : undefined;
  }
}
