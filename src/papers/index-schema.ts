// Opens the papers index: the papers table in papers.db plus FTS5 shards, each in its own file.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { PaperboyError } from "../errors.ts";
import { VECTORS_SQL } from "./embeddings/vector-store.ts";

/** Bumped when the layout changes; an index written by another version is refused, not misread. */
export const SCHEMA_VERSION = 2;

/**
 * The full-text index is split in shards, each an FTS5 table in its own database file, because
 * SQLite lets one writer at a time into a file: with two files, two worker threads index a bulk
 * import in parallel while the main thread parses and stores the papers. A paper's text lives in
 * exactly one shard (`papers.shard`); a search asks every shard.
 */
export const SHARD_COUNT = 2;

/**
 * Indexed columns, in the order bm25() weights are given. Categories are indexed (unranked) so that
 * `cat:` filters are FTS5 column filters, which cost nothing next to a join on the papers table.
 */
export const FTS_COLUMNS = ["title", "authors", "abstract", "categories"] as const;

/** The statement that adds one row to a shard named `table`. */
export function ftsInsertSql(table: string): string {
  return `INSERT INTO ${table}(rowid, ${FTS_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?)`;
}

// Porter on top of unicode61 gives English stemming (regularization ~ regularized) with accents
// folded. Contentless (the text lives in papers) with contentless_delete so updates can remove a
// row's old terms by rowid alone. The JS tokenizer and stemmer (text-tokens.ts) must agree with the
// tokenizer: test/papers/fts5-tokens.test.ts checks them on the whole corpus.
export const FTS_TOKENIZE = "porter unicode61 remove_diacritics 2";
const FTS_OPTIONS = `content='', contentless_delete=1, tokenize='${FTS_TOKENIZE}', detail=full`;

// FTS5 buffers new terms in memory up to `hashsize` bytes before writing a segment (default 1 MB;
// the real footprint is about twice the figure). Measured on bulk imports: 1 MB costs ~15% more CPU
// than 2–4 MB, and 4 MB or more buys no speed but ~10 MB of peak RSS per writer.
const FTS_HASH_SIZE = 2 * 1024 * 1024;
// FTS5 merges segments of a level once it holds `automerge` of them (default 4). Merging 8 at a time
// rewrites each posting fewer times: measured 10–15% less CPU per imported paper at 300k papers,
// for a few more segments per lookup (search latency unchanged within noise).
const FTS_AUTOMERGE = 8;

/** Page cache per attached file (negative: KiB), and the main file's while a bulk import appends. */
export const CACHE_SIZE = -8000;
export const BULK_CACHE_SIZE = -2000;

/** The files of an index: papers.db and one file per shard, or all ':memory:'. */
export interface IndexFiles {
  main: string;
  shards: string[];
}

export function indexFiles(options: { dir?: string; path?: string }): IndexFiles {
  const main = options.path ?? join(options.dir ?? "data", "papers.db");
  if (main === ":memory:") return { main, shards: Array.from({ length: SHARD_COUNT }, () => ":memory:") };
  const base = main.endsWith(".db") ? main.slice(0, -3) : main;
  return { main, shards: Array.from({ length: SHARD_COUNT }, (_, i) => `${base}-fts${i}.db`) };
}

/** The schema name a shard is attached under on the main connection. */
export function shardSchema(shard: number): string {
  return `s${shard}`;
}

/** Settings every connection to an index file uses (WAL lets searches read while an import writes). */
export function connectionPragmas(schema = "main"): string[] {
  return [
    `PRAGMA ${schema}.journal_mode = WAL`,
    `PRAGMA ${schema}.synchronous = NORMAL`,
    // Checkpoint less often than every 1,000 pages: bulk imports write hundreds of MB.
    `PRAGMA ${schema}.wal_autocheckpoint = 8000`,
    `PRAGMA ${schema}.cache_size = ${CACHE_SIZE}`,
  ];
}

const PAPERS_SQL = `
  CREATE TABLE IF NOT EXISTS papers (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    shard INTEGER NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    abstract TEXT NOT NULL,
    categories TEXT NOT NULL,
    published TEXT,
    upvotes INTEGER,
    extra TEXT
  );
  CREATE INDEX IF NOT EXISTS papers_published ON papers(published);
  -- Opening an index looks for rows a shard has not indexed (rowid above its watermark): without this
  -- index that read every row of the other shards (~40 ms on 75k papers, each start of the bot or CLI).
  CREATE INDEX IF NOT EXISTS papers_shard ON papers(shard);
  CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Statements that create a shard's tables in `schema` (idempotent). */
export function shardSetupSql(schema: string): string[] {
  return [
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${schema}.fts USING fts5(${FTS_COLUMNS.join(", ")}, ${FTS_OPTIONS})`,
    `CREATE TABLE IF NOT EXISTS ${schema}.shard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  ];
}

/** The statement that records how far a shard has indexed (rows of this shard up to that rowid). */
export function watermarkSql(schema: string): string {
  return `INSERT INTO ${schema}.shard_meta(key, value) VALUES ('indexed_rowid', ?)
    ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`;
}

function metaValue(db: Database.Database, table: string, key: string): string | undefined {
  const row = db.prepare(`SELECT value FROM ${table} WHERE key = ?`).get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

/** Creates or checks the shard attached as `schema`; a shard from another index is emptied. */
function prepareShard(db: Database.Database, schema: string, indexId: string): void {
  for (const sql of shardSetupSql(schema)) db.exec(sql);
  const owner = metaValue(db, `${schema}.shard_meta`, "index_id");
  if (owner === indexId) return;
  // A shard left from a deleted papers.db (or a fresh one): start it over, it is derived data.
  db.exec(`DROP TABLE ${schema}.fts`);
  db.exec(`DELETE FROM ${schema}.shard_meta`);
  for (const sql of shardSetupSql(schema)) db.exec(sql);
  db.prepare(`INSERT INTO ${schema}.fts(fts, rank) VALUES ('hashsize', ${FTS_HASH_SIZE})`).run();
  db.prepare(`INSERT INTO ${schema}.fts(fts, rank) VALUES ('automerge', ${FTS_AUTOMERGE})`).run();
  db.prepare(`INSERT INTO ${schema}.shard_meta(key, value) VALUES ('index_id', ?)`).run(indexId);
}

/** Opens (creating if needed) the index's main connection with every shard attached. */
export function openIndexDatabase(files: IndexFiles): Database.Database {
  if (files.main !== ":memory:") mkdirSync(dirname(files.main), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(files.main);
  } catch (error) {
    throw new PaperboyError("storage", `Cannot open ${files.main}.`, { cause: error });
  }
  try {
    for (const sql of connectionPragmas()) db.exec(sql);
    db.pragma("busy_timeout = 10000");
    const version = db.pragma("user_version", { simple: true }) as number;
    const hasPapers = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'papers'").get();
    if (hasPapers && version !== SCHEMA_VERSION) {
      throw new PaperboyError(
        "storage",
        `${files.main} was written by another version (schema ${version}); delete it and re-ingest.`,
      );
    }
    db.exec(PAPERS_SQL);
    // Added beside schema 2 without a version bump: an older index simply has no vectors yet.
    db.exec(VECTORS_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    let indexId = metaValue(db, "index_meta", "index_id");
    if (!indexId) {
      indexId = randomUUID();
      db.prepare("INSERT INTO index_meta(key, value) VALUES ('index_id', ?)").run(indexId);
    }
    files.shards.forEach((file, i) => {
      const schema = shardSchema(i);
      db.prepare("ATTACH DATABASE ? AS ?").run(file, schema);
      if (file !== ":memory:") for (const sql of connectionPragmas(schema)) db.exec(sql);
      prepareShard(db, schema, indexId);
    });
    return db;
  } catch (error) {
    db.close();
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError("storage", `Cannot prepare the papers index in ${files.main}.`, { cause: error });
  }
}

/**
 * A second, read-only connection to an existing index, for searching on another thread. WAL lets it
 * read while the main connection writes; each statement sees what was committed before it began.
 */
export function openIndexReader(files: IndexFiles): Database.Database {
  if (files.main === ":memory:") {
    throw new PaperboyError("internal", "An in-memory index cannot be read from another connection.");
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(files.main, { fileMustExist: true });
    db.pragma("busy_timeout = 10000");
    db.pragma(`cache_size = ${CACHE_SIZE}`);
    files.shards.forEach((file, i) => {
      db?.prepare("ATTACH DATABASE ? AS ?").run(file, shardSchema(i));
      db?.pragma(`${shardSchema(i)}.cache_size = ${CACHE_SIZE}`);
    });
    // Belt and braces: nothing on this connection may write.
    db.pragma("query_only = 1");
    return db;
  } catch (error) {
    db?.close();
    throw new PaperboyError("storage", `Cannot open ${files.main} for searching.`, { cause: error });
  }
}
