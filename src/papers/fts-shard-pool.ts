// Writes FTS shards during a bulk import: shard 0 on the main thread, the others on worker threads.
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { PaperboyError } from "../errors.ts";
import {
  BULK_CACHE_SIZE,
  connectionPragmas,
  ftsInsertSql,
  type IndexFiles,
  watermarkSql,
} from "./index-schema.ts";

// A shard commits this often so its WAL stays bounded; FTS5 itself flushes segments by hashsize.
const COMMIT_EVERY = 50_000;
// Batches a worker may have queued; when all are busy the main thread indexes the batch itself.
// Four keep the worker fed while the main thread is busy with a batch of its own (two left it idle
// a fifth of the time); each queued batch holds about 1 MB.
const MAX_IN_FLIGHT = 4;
// Bulk writers keep little page cache: FTS5 writes segments sequentially.
const WRITER_PRAGMAS = [
  ...connectionPragmas(),
  `PRAGMA cache_size = ${BULK_CACHE_SIZE}`,
  "PRAGMA busy_timeout = 30000",
];
const INSERT_SQL = ftsInsertSql("fts");
// Rows travel flattened: rowid and the four indexed texts.
const ROW_WIDTH = 5;

interface ShardWorker {
  shard: number;
  worker: Worker;
  inFlight: number;
  finished: boolean;
}

/** Shard 0's bulk writer: its own connection and long transaction on the main thread. */
class LocalShardWriter {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #watermark: Database.Statement;
  #inTransaction = false;
  #sinceCommit = 0;
  #highest = 0;
  #closed = false;

  constructor(file: string) {
    this.#db = new Database(file);
    for (const sql of WRITER_PRAGMAS) this.#db.exec(sql);
    this.#insert = this.#db.prepare(INSERT_SQL);
    this.#watermark = this.#db.prepare(watermarkSql("main"));
  }

  write(rows: Array<number | string>): void {
    if (!this.#inTransaction) {
      this.#db.exec("BEGIN");
      this.#inTransaction = true;
    }
    for (let i = 0; i < rows.length; i += ROW_WIDTH) {
      this.#insert.run(rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4]);
    }
    const last = rows[rows.length - ROW_WIDTH];
    if (typeof last === "number" && last > this.#highest) this.#highest = last;
    this.#sinceCommit += rows.length / ROW_WIDTH;
    if (this.#sinceCommit >= COMMIT_EVERY) this.commit();
  }

  commit(): void {
    if (!this.#inTransaction) return;
    if (this.#highest > 0) this.#watermark.run(String(this.#highest));
    this.#db.exec("COMMIT");
    this.#inTransaction = false;
    this.#sinceCommit = 0;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#inTransaction) this.#db.exec("ROLLBACK");
    this.#db.close();
  }
}

/**
 * Indexes text for a bulk import in parallel. Each batch goes to a worker with room in its queue;
 * when every worker is busy, the main thread indexes the batch into shard 0 itself instead of
 * waiting, so both cores stay busy without any tuning of who does how much.
 */
export class FtsShardPool {
  readonly #local: LocalShardWriter;
  readonly #workers: ShardWorker[];
  #failure: PaperboyError | undefined;
  #wake: (() => void) | undefined;
  #seq = 0;

  constructor(files: IndexFiles) {
    this.#local = new LocalShardWriter(files.shards[0] as string);
    this.#workers = files.shards.slice(1).map((file, i) => this.#startWorker(file, i + 1));
  }

  #startWorker(file: string, shard: number): ShardWorker {
    const worker = new Worker(new URL("./fts-shard-worker.mjs", import.meta.url), {
      workerData: {
        file,
        setup: WRITER_PRAGMAS,
        insertSql: INSERT_SQL,
        rowWidth: ROW_WIDTH,
        watermarkSql: watermarkSql("main"),
        commitEvery: COMMIT_EVERY,
      },
      // Plain JavaScript: not inheriting `--import tsx` spares the worker tsx's loader thread
      // (measured: 65 ms less start-up, 7 MB less RSS).
      execArgv: [],
      // Batches die young; a small young generation collects them often and keeps RSS flat.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    const state: ShardWorker = { shard, worker, inFlight: 0, finished: false };
    worker.on("message", (message: { kind: string; message?: string }) => {
      if (message.kind === "ack") state.inFlight--;
      else if (message.kind === "finished") state.finished = true;
      else if (message.kind === "error") this.#fail(shard, message.message);
      this.#wake?.();
    });
    worker.on("error", (error) => this.#fail(shard, error.message));
    worker.on("exit", (code) => {
      if (!state.finished) this.#fail(shard, `worker exited with code ${code}`);
      state.finished = true;
      this.#wake?.();
    });
    return state;
  }

  #fail(shard: number, detail: string | undefined): void {
    this.#failure ??= new PaperboyError(
      "storage",
      `Indexing shard ${shard} failed: ${detail ?? "unknown error"}.`,
    );
  }

  /** The shard the next batch should go to: a worker with room, else 0 (the main thread). */
  pickShard(): number {
    if (this.#failure) throw this.#failure;
    let best: ShardWorker | undefined;
    for (const w of this.#workers)
      if (w.inFlight < MAX_IN_FLIGHT && (!best || w.inFlight < best.inFlight)) best = w;
    return best?.shard ?? 0;
  }

  /** Indexes rows (flattened: rowid then the four texts, increasing rowids) into `shard`. */
  write(shard: number, rows: Array<number | string>): void {
    if (this.#failure) throw this.#failure;
    if (rows.length === 0) return;
    if (shard === 0) {
      this.#local.write(rows);
      return;
    }
    const state = this.#workers[shard - 1];
    if (!state) throw new PaperboyError("internal", `No worker for shard ${shard}.`);
    state.inFlight++;
    state.worker.postMessage({ kind: "batch", seq: ++this.#seq, rows });
  }

  /** Waits for every shard to commit, then stops the workers. */
  async finish(): Promise<void> {
    try {
      this.#local.commit();
      for (const s of this.#workers) s.worker.postMessage({ kind: "finish" });
      while (!this.#workers.every((s) => s.finished)) {
        if (this.#failure) throw this.#failure;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
      if (this.#failure) throw this.#failure;
    } finally {
      await this.terminate();
    }
  }

  /** Stops everything; uncommitted shard work is redone from the watermarks on next open. */
  async terminate(): Promise<void> {
    this.#local.close();
    await Promise.all(this.#workers.map((s) => s.worker.terminate()));
  }
}
