// Worker thread that writes one FTS5 shard during a bulk import; the schema and SQL come from the caller.
// Plain JavaScript on purpose: a TypeScript worker needs tsx's loader in every thread (~250 ms of CPU
// each time an import starts), and this file only runs statements handed to it by fts-shard-pool.ts.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/**
 * @typedef {{ file: string, setup: string[], insertSql: string, rowWidth: number,
 *   watermarkSql: string, commitEvery: number }} ShardWorkerData
 * @typedef {{ kind: "batch", seq: number, rows: Array<number | string> }
 *   | { kind: "finish" }} ShardMessage
 */

const port = parentPort;
if (!port) throw new Error("fts-shard-worker must run as a worker thread");
/** @type {ShardWorkerData} */
const config = workerData;

const db = new Database(config.file);
for (const sql of config.setup) db.exec(sql);
const insert = db.prepare(config.insertSql);
const watermark = db.prepare(config.watermarkSql);
let inTransaction = false;
let sinceCommit = 0;
let highest = 0;

function commit() {
  if (!inTransaction) return;
  if (highest > 0) watermark.run(String(highest));
  db.exec("COMMIT");
  inTransaction = false;
  sinceCommit = 0;
}

/** @param {ShardMessage} message */
function handle(message) {
  if (message.kind === "finish") {
    commit();
    db.close();
    port.postMessage({ kind: "finished" });
    port.close();
    return;
  }
  if (!inTransaction) {
    db.exec("BEGIN");
    inTransaction = true;
  }
  // Rows arrive flattened (rowid, then the indexed texts), in increasing rowid order.
  const { rows } = message;
  const width = config.rowWidth;
  for (let i = 0; i < rows.length; i += width) insert.run(...rows.slice(i, i + width));
  const last = rows[rows.length - width];
  if (typeof last === "number" && last > highest) highest = last;
  sinceCommit += rows.length / width;
  if (sinceCommit >= config.commitEvery) commit();
  port.postMessage({ kind: "ack", seq: message.seq });
}

port.on("message", (message) => {
  try {
    handle(message);
  } catch (error) {
    port.postMessage({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ kind: "ready" });
