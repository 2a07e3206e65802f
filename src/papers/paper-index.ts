// The local papers index: SQLite tables for papers plus FTS5 shards, with upsert, bulk ingest and search.
import Database from "better-sqlite3";
import { PaperboyError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { normalizeArxivId } from "./arxiv-id.ts";
import { ingestPapers } from "./bulk-ingest.ts";
import type { Embedder } from "./embeddings/embedder.ts";
import { QueryVectors } from "./embeddings/query-vectors.ts";
import { type IndexFiles, indexFiles, openIndexDatabase } from "./index-schema.ts";
import { IndexSearch, type SearchHit, type SearchOptions } from "./index-search.ts";
import { IndexWriter, type UpsertStats } from "./index-writer.ts";
import type { Paper } from "./paper.ts";
import { type PaperRow, paperFromRow } from "./paper-row.ts";
import { type RecentOptions, recentPapers } from "./recent-papers.ts";
import { SearchWorkers } from "./search-workers.ts";

export { describeMatch, type SearchHit, type SearchOptions } from "./index-search.ts";
export type { UpsertStats } from "./index-writer.ts";
export type { RecentOptions } from "./recent-papers.ts";
export type { Highlight } from "./snippet.ts";

/** The local papers index. Synchronous except for streaming ingest. */
export interface PaperIndex {
  /** Adds new papers and merges known ones (same id); idempotent. */
  upsert(papers: Iterable<Paper> | Paper[]): UpsertStats;
  /** Upsert for large streams: batched transactions, text indexed on worker threads when big. */
  ingest(papers: AsyncIterable<Paper>, onProgress?: (stats: UpsertStats) => void): Promise<UpsertStats>;
  /** The paper with this arXiv id (any version suffix is ignored). */
  get(id: string): Paper | undefined;
  /** Ranked search; accepts any text (see search-query.ts for the syntax) and never throws on it. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** The same search on a search worker when one is ready, so the caller's thread stays free; else inline. */
  searchAsync(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Search workers ready to take a search now (0 without threads, or while they start). */
  searchWorkersReady(): number;
  /** Searches answered on search workers since the index was opened (the rest ran inline). */
  searchesOnWorkers(): number;
  /** Papers like this one (its title's words fused with its vector's neighbours), best first. */
  similar(id: string, options?: Pick<SearchOptions, "limit" | "offset" | "ids">): Promise<SearchHit[]>;
  /** Computes the vectors papers lack (new, changed text, another model); returns how many. */
  embedPending(): Promise<number>;
  /** Papers by publication day, newest first. */
  recent(options: RecentOptions): Paper[];
  /** Number of papers stored. */
  count(): number;
  close(): void;
}

/** Where the index lives; `dir` is PAPERBOY_DATA_DIR (the file is papers.db inside). */
export interface PaperIndexOptions {
  dir?: string;
  /** A file path instead of `dir`, or ':memory:'. */
  path?: string;
  /** Index big imports on worker threads (default true; always false in memory). */
  workers?: boolean;
  /** Worker threads for searchAsync (default 0; always 0 in memory, which one connection owns). */
  searchWorkers?: number;
  /** The search workers' module (tests swap in one that fails). */
  searchWorker?: URL;
  /** When the search workers start (see SearchWorkersOptions.startAfter); default at open. */
  searchWorkersAfter?: Promise<unknown>;
  /** Embeds papers and queries so searches fuse BM25 with vector ranks (none: BM25 alone). */
  embedder?: Embedder;
  logger?: Logger;
}

/** SQLite's errors become `storage` errors; anything else (a source's bad_input, say) passes through. */
function asStorageError(error: unknown, detail: string): unknown {
  return error instanceof Database.SqliteError
    ? new PaperboyError("storage", detail, { cause: error })
    : error;
}

class SqlitePaperIndex implements PaperIndex {
  readonly #db: Database.Database;
  readonly #files: IndexFiles;
  readonly #writer: IndexWriter;
  readonly #search: IndexSearch;
  readonly #useWorkers: boolean;
  readonly #byId: Database.Statement;
  readonly #logger: Logger | undefined;
  readonly #threads: SearchWorkers | undefined;
  readonly #vectors: QueryVectors | undefined;
  #count: number;
  #ingesting = false;

  constructor(options: PaperIndexOptions) {
    this.#files = indexFiles(options);
    this.#db = openIndexDatabase(this.#files);
    const shards = this.#files.shards.length;
    this.#writer = new IndexWriter(this.#db, shards);
    const caught = this.#writer.catchUp(shards);
    if (caught > 0)
      options.logger?.warn({ papers: caught }, "indexed papers an interrupted import had left out");
    const model = options.embedder?.model;
    this.#search = new IndexSearch(this.#db, shards, () => this.#count, model);
    if (options.embedder)
      this.#vectors = new QueryVectors(this.#db, options.embedder, options.logger ?? undefined);
    this.#useWorkers = (options.workers ?? true) && this.#files.main !== ":memory:";
    this.#byId = this.#db.prepare("SELECT rowid, * FROM papers WHERE id = ?");
    this.#count = (this.#db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
    this.#logger = options.logger;
    const threads = this.#files.main === ":memory:" ? 0 : (options.searchWorkers ?? 0);
    if (threads > 0) {
      this.#threads = new SearchWorkers({
        files: this.#files,
        threads,
        ...(model ? { model } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.searchWorker ? { workerUrl: options.searchWorker } : {}),
        ...(options.searchWorkersAfter ? { startAfter: options.searchWorkersAfter } : {}),
      });
    }
  }

  upsert(papers: Iterable<Paper> | Paper[]): UpsertStats {
    this.#assertIdle();
    const stats: UpsertStats = { added: 0, updated: 0, unchanged: 0 };
    const sink = this.#writer.directSink();
    try {
      this.#db.transaction(() => {
        const reindex = this.#writer.store(papers, 0, sink, stats);
        sink.flushWatermarks();
        this.#writer.reindex(reindex);
      })();
    } catch (error) {
      throw asStorageError(error, "Storing papers failed.");
    }
    this.#count += stats.added;
    if (stats.added + stats.updated > 0) this.#vectors?.embedSoon();
    return stats;
  }

  async ingest(
    papers: AsyncIterable<Paper>,
    onProgress?: (stats: UpsertStats) => void,
  ): Promise<UpsertStats> {
    this.#assertIdle();
    this.#ingesting = true;
    const before = this.#count;
    try {
      const embedNew = await this.#vectors?.batchEmbedder();
      const target = {
        db: this.#db,
        files: this.#files,
        writer: this.#writer,
        useWorkers: this.#useWorkers,
        ...(embedNew ? { embedNew } : {}),
      };
      const stats = await ingestPapers(target, papers, (stats) => {
        this.#count = before + stats.added;
        onProgress?.(stats);
      });
      // A server's vectors in bulk once the text is stored (a local model's came with each batch), and
      // any paper whose text changed: one pass over what lacks a current vector.
      await this.#vectors?.embedPending();
      return stats;
    } catch (error) {
      // Papers stored before the failure stay; index what a shard had not committed yet.
      this.#writer.catchUp(this.#files.shards.length);
      throw asStorageError(error, "Importing papers failed.");
    } finally {
      this.#count = (this.#db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
      this.#ingesting = false;
    }
  }

  get(id: string): Paper | undefined {
    const key = normalizeArxivId(id) ?? id.trim();
    const row = this.#byId.get(key) as PaperRow | undefined;
    return row ? paperFromRow(row) : undefined;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const vector = options.vector ?? this.#vectors?.now(query);
    return this.#search.search(
      query,
      vector ? { vectorWeight: this.#vectors?.weight, ...options, vector } : options,
    );
  }

  async similar(
    id: string,
    options: Pick<SearchOptions, "limit" | "offset" | "ids"> = {},
  ): Promise<SearchHit[]> {
    await this.#vectors?.embedPending();
    return this.searchAsync("", { ...options, similarTo: id });
  }

  embedPending(): Promise<number> {
    return this.#vectors?.embedPending() ?? Promise.resolve(0);
  }

  async searchAsync(query: string, input: SearchOptions = {}): Promise<SearchHit[]> {
    const vector = input.vector ?? (await this.#vectors?.of(query));
    const options = vector ? { vectorWeight: this.#vectors?.weight, ...input, vector } : input;
    const onThread = this.#threads?.search(query, options, this.#count);
    if (onThread) {
      try {
        return await onThread;
      } catch (error) {
        // A thread that died or failed mid-search costs this search some time, not its answer.
        this.#logger?.warn({ err: (error as Error).message }, "search worker failed; searching inline");
      }
    }
    return this.search(query, options);
  }

  searchWorkersReady(): number {
    return this.#threads?.readyCount() ?? 0;
  }

  searchesOnWorkers(): number {
    return this.#threads?.answeredCount() ?? 0;
  }

  recent(options: RecentOptions): Paper[] {
    return recentPapers(this.#db, options);
  }

  count(): number {
    return this.#count;
  }

  close(): void {
    this.#vectors?.close();
    void this.#threads?.close();
    this.#db.close();
  }

  #assertIdle(): void {
    // A bulk import owns the shard files through its workers; writing beside it would interleave rowids.
    if (this.#ingesting)
      throw new PaperboyError("storage", "An import is running on this index; wait for it to finish.");
  }
}

/** Opens (creating if needed) the papers index in `dir`/papers.db, at `path`, or in memory. */
export function openPaperIndex(options: PaperIndexOptions): PaperIndex {
  return new SqlitePaperIndex(options);
}
