// Streams papers into the index in batches; big imports index their text on worker threads, one per shard.
import type Database from "better-sqlite3";
import { FtsShardPool } from "./fts-shard-pool.ts";
import { BULK_CACHE_SIZE, CACHE_SIZE, type IndexFiles } from "./index-schema.ts";
import type { FtsSink, FtsText, IndexWriter, Reindex, UpsertStats } from "./index-writer.ts";
import type { Paper } from "./paper.ts";

/** What an import needs from the open index. */
export interface IngestTarget {
  db: Database.Database;
  files: IndexFiles;
  writer: IndexWriter;
  /** False for in-memory indexes (workers cannot open them) or when disabled. */
  useWorkers: boolean;
  /**
   * Computes and stores vectors for a batch of new papers (a local embedder, synchronously), so it runs
   * while the shard workers index the batch's text instead of in a pass of its own afterwards.
   */
  embedNew?: (papers: NewPaper[]) => void;
}

/** A paper just added: its rowid and the text its vector is computed from. */
export interface NewPaper {
  rowid: number;
  title: string;
  abstract: string;
}

// Papers per transaction on the main thread, and per message to a worker: small batches keep few
// papers alive at once (peak RSS) at no measurable cost in throughput.
const BATCH = 512;
// Below this many papers an import stays on the main thread: starting workers costs more than it saves.
const WORKER_THRESHOLD = 4096;

/**
 * Ingests a stream of papers with the same semantics as upsert (new papers added, known ones merged
 * and updated, nothing duplicated). Memory stays flat: at most a few batches are held at once.
 */
export async function ingestPapers(
  target: IngestTarget,
  papers: AsyncIterable<Paper>,
  onProgress?: (stats: UpsertStats) => void,
): Promise<UpsertStats> {
  const { db, writer } = target;
  const stats: UpsertStats = { added: 0, updated: 0, unchanged: 0 };
  const reindex: Reindex[] = [];
  const direct = writer.directSink();
  let pool: FtsShardPool | undefined;
  let seen = 0;
  let batch: Paper[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const papersInBatch = batch;
    batch = [];
    if (!pool && target.useWorkers && seen >= WORKER_THRESHOLD) {
      pool = new FtsShardPool(target.files);
      // The main connection now only appends papers: a small page cache does, and keeps peak RSS
      // down (measured: about 10 MB); searches get the full cache back when the import ends.
      db.pragma(`main.cache_size = ${BULK_CACHE_SIZE}`);
    }
    const added: NewPaper[] = [];
    const keep = target.embedNew
      ? (rowid: number, text: FtsText) => added.push({ rowid, title: text[0], abstract: text[2] })
      : () => {};
    if (pool) {
      const shard = pool.pickShard();
      const rows: Array<number | string> = [];
      const sink: FtsSink = {
        insert: (_shard, rowid, text) => {
          rows.push(rowid, ...text);
          keep(rowid, text);
        },
      };
      // Committed before any shard sees the rows, so a shard never indexes a paper that is not stored.
      db.transaction(() => reindex.push(...writer.store(papersInBatch, shard, sink, stats)))();
      pool.write(shard, rows);
      if (added.length > 0) target.embedNew?.(added);
      // Let worker acknowledgements in even when the source never waits on I/O.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else {
      const sink: FtsSink = {
        insert: (shard, rowid, text) => {
          direct.insert(shard, rowid, text);
          keep(rowid, text);
        },
      };
      db.transaction(() => {
        reindex.push(...writer.store(papersInBatch, 0, sink, stats));
        direct.flushWatermarks();
      })();
      if (added.length > 0) target.embedNew?.(added);
    }
    onProgress?.({ ...stats });
  };

  try {
    for await (const paper of papers) {
      batch.push(paper);
      seen++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await pool?.finish();
  } catch (error) {
    await pool?.terminate();
    throw error;
  } finally {
    if (pool) db.pragma(`main.cache_size = ${CACHE_SIZE}`);
  }
  // Papers whose text changed get their shard entry replaced once no worker holds a shard.
  if (reindex.length > 0) db.transaction(() => writer.reindex(reindex))();
  return stats;
}
