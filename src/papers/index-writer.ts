// Stores papers in the papers table and hands their text to an FTS sink; shared by upserts and bulk imports.
import type Database from "better-sqlite3";
import { ftsInsertSql, shardSchema, watermarkSql } from "./index-schema.ts";
import type { Paper } from "./paper.ts";
import { mergePaper, type PaperRow, paperFromRow, rowChanged, rowValues, textChanged } from "./paper-row.ts";

/** Counts of what an upsert or ingest did. */
export interface UpsertStats {
  added: number;
  updated: number;
  unchanged: number;
}

/** The indexed text of a paper: title, authors, abstract, categories (as stored in papers). */
export type FtsText = [title: string, authors: string, abstract: string, categories: string];

/** Where the text of newly stored papers goes: straight into a shard, or to a worker thread. */
export interface FtsSink {
  insert(shard: number, rowid: number, text: FtsText): void;
}

/** A stored paper whose indexed text changed: its shard entry is replaced after the batch. */
export interface Reindex {
  rowid: number;
  shard: number;
}

/** A shard's rows above its watermark (shard, rowid): what catchUp indexes each time an index opens. */
export const MISSING_ROWS_SQL =
  "SELECT rowid, title, authors, abstract, categories FROM papers WHERE shard = ? AND rowid > ? ORDER BY rowid";

/** Prepared statements for the papers table and, on this connection, every shard. */
export class IndexWriter {
  readonly #db: Database.Database;
  readonly #insertNew: Database.Statement;
  readonly #selectById: Database.Statement;
  readonly #update: Database.Statement;
  readonly #selectText: Database.Statement;
  readonly #ftsInsert: Database.Statement[];
  readonly #ftsDelete: Database.Statement[];
  readonly #watermark: Database.Statement[];
  readonly #vectorStale: Database.Statement;

  constructor(db: Database.Database, shardCount: number) {
    this.#db = db;
    this.#insertNew = db.prepare(
      `INSERT INTO papers(id, shard, title, authors, abstract, categories, published, upvotes, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.#selectById = db.prepare("SELECT rowid, * FROM papers WHERE id = ?");
    this.#update = db.prepare(
      `UPDATE papers SET title = ?, authors = ?, abstract = ?, categories = ?, published = ?, upvotes = ?,
       extra = ? WHERE rowid = ?`,
    );
    this.#selectText = db
      .prepare("SELECT title, authors, abstract, categories FROM papers WHERE rowid = ?")
      .raw();
    const shards = Array.from({ length: shardCount }, (_, i) => shardSchema(i));
    this.#ftsInsert = shards.map((s) => db.prepare(ftsInsertSql(`${s}.fts`)));
    this.#ftsDelete = shards.map((s) => db.prepare(`DELETE FROM ${s}.fts WHERE rowid = ?`));
    this.#watermark = shards.map((s) => db.prepare(watermarkSql(s)));
    // A changed text may need a new vector: the next embedding pass compares its hash.
    this.#vectorStale = db.prepare("UPDATE paper_vectors SET stale = 1 WHERE rowid = ?");
  }

  /** A sink that writes into the shards through this connection, recording each shard's watermark. */
  directSink(): FtsSink & { flushWatermarks(): void } {
    const highest = new Map<number, number>();
    return {
      insert: (shard, rowid, text) => {
        this.#ftsInsert[shard]?.run(rowid, ...text);
        if (rowid > (highest.get(shard) ?? 0)) highest.set(shard, rowid);
      },
      flushWatermarks: () => {
        for (const [shard, rowid] of highest) this.#watermark[shard]?.run(String(rowid));
        highest.clear();
      },
    };
  }

  /**
   * Stores papers (call inside a transaction). New papers get `shard` and go to `sink`; stored ones
   * are merged and updated in place; those whose text changed are returned for `reindex`, because
   * re-inserting an old rowid mid-import would make FTS5 flush a tiny segment each time.
   */
  store(papers: Iterable<Paper>, shard: number, sink: FtsSink, stats: UpsertStats): Reindex[] {
    const reindex: Reindex[] = [];
    for (const paper of papers) {
      const v = rowValues(paper);
      const result = this.#insertNew.run(
        v.id,
        shard,
        v.title,
        v.authors,
        v.abstract,
        v.categories,
        v.published,
        v.upvotes,
        v.extra,
      );
      if (result.changes === 1) {
        stats.added++;
        sink.insert(shard, Number(result.lastInsertRowid), [v.title, v.authors, v.abstract, v.categories]);
        continue;
      }
      const row = this.#selectById.get(v.id) as PaperRow;
      const before = rowValues(paperFromRow(row));
      const after = rowValues(mergePaper(paperFromRow(row), paper));
      if (!rowChanged(before, after)) {
        stats.unchanged++;
        continue;
      }
      stats.updated++;
      this.#update.run(
        after.title,
        after.authors,
        after.abstract,
        after.categories,
        after.published,
        after.upvotes,
        after.extra,
        row.rowid,
      );
      if (textChanged(before, after)) reindex.push({ rowid: row.rowid, shard: row.shard });
    }
    return reindex;
  }

  /** Replaces the shard entries of papers whose text changed, in rowid order (call in a transaction). */
  reindex(rows: Reindex[]): void {
    const sorted = [...rows].sort((a, b) => a.shard - b.shard || a.rowid - b.rowid);
    for (const { rowid, shard } of sorted) {
      const text = this.#selectText.get(rowid) as FtsText;
      this.#ftsDelete[shard]?.run(rowid);
      this.#ftsInsert[shard]?.run(rowid, ...text);
      this.#vectorStale.run(rowid);
    }
  }

  /** Indexes rows a shard is missing (rowid above its watermark), e.g. after a crash mid-import. */
  catchUp(shardCount: number): number {
    let caught = 0;
    for (let shard = 0; shard < shardCount; shard++) {
      const schema = shardSchema(shard);
      const mark = this.#db
        .prepare(`SELECT CAST(value AS INTEGER) AS v FROM ${schema}.shard_meta WHERE key = 'indexed_rowid'`)
        .get() as { v: number } | undefined;
      const missing = this.#db.prepare(MISSING_ROWS_SQL).all(shard, mark?.v ?? 0) as PaperRow[];
      if (missing.length === 0) continue;
      const sink = this.directSink();
      this.#db.transaction(() => {
        for (const r of missing) sink.insert(shard, r.rowid, [r.title, r.authors, r.abstract, r.categories]);
        sink.flushWatermarks();
      })();
      caught += missing.length;
    }
    return caught;
  }
}
