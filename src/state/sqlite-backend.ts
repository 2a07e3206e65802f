// Embedded state backend on better-sqlite3: keyv values and claims in one file, expired rows swept on a timer.
import Database from "better-sqlite3";
import { Keyv } from "keyv";
import { DEFAULT_SWEEP_INTERVAL_MS, startExpirySweep } from "./expiry-sweep.ts";
import { KEYV_TABLE, SqliteKeyvStore } from "./sqlite-keyv-store.ts";
import type { ClaimBackend, StateBackend } from "./state-backend.ts";

// How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 5_000;
const CLAIMS_TABLE = "paperboy_claims";
// Rows one sweep statement deletes or examines: each batch is one short write, so other work interleaves.
const SWEEP_BATCH = 500;
// Batches per sweep: caps one sweep's work while keeping up with thousands of events a minute. Values
// are walked rather than looked up (their expiry is inside the JSON), so fewer of them per sweep.
const SWEEP_MAX_CLAIM_BATCHES = 20;
const SWEEP_MAX_VALUE_BATCHES = 4;

export interface SqliteBackendOptions {
  /** How often expired claims and values are deleted. Default one minute. */
  sweepIntervalMs?: number;
}

/** Opens (creating if needed) the SQLite file at `path`; several processes may share it. */
export async function openSqliteBackend(
  path: string,
  namespace: string,
  options: SqliteBackendOptions = {},
): Promise<StateBackend> {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  // WAL lets readers in other processes proceed while one process writes.
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (key TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  );
  db.exec(`CREATE INDEX IF NOT EXISTS ${CLAIMS_TABLE}_expiry ON ${CLAIMS_TABLE} (expires_at)`);
  const adapter = new SqliteKeyvStore(db);
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  const stopSweep = startExpirySweep(
    expirySweep(db),
    options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    (error) => adapter.emit("error", error),
  );
  return {
    kind: "sqlite",
    keyv,
    claims: sqliteClaims(db, namespace),
    close: async () => {
      stopSweep();
      if (db.open) db.close();
    },
  };
}

function sqliteClaims(db: Database.Database, namespace: string): ClaimBackend {
  // One statement, so SQLite's write lock makes it atomic across connections and processes: insert the
  // claim, or take over a row whose claim has expired; RETURNING says which happened.
  const take = db.prepare<[string, string, number, number], { key: string }>(
    `INSERT INTO ${CLAIMS_TABLE} (key, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE ${CLAIMS_TABLE}.expires_at <= ?
     RETURNING key`,
  );
  const drop = db.prepare<[string, string]>(`DELETE FROM ${CLAIMS_TABLE} WHERE key = ? AND holder = ?`);
  return {
    async claim(key, holder, ttlMs) {
      const now = Date.now();
      return take.all(`${namespace}:${key}`, holder, now + ttlMs, now).length === 1;
    },
    async release(key, holder) {
      drop.run(`${namespace}:${key}`, holder);
    },
  };
}

/**
 * One sweep: expired claims through their expiry index, then the next slice of keyv rows (walked by rowid,
 * wrapping around) whose serialised `expires` has passed. Every namespace in the file is swept.
 */
function expirySweep(db: Database.Database): () => void {
  const dropClaims = db.prepare<[number, number]>(
    `DELETE FROM ${CLAIMS_TABLE} WHERE rowid IN
       (SELECT rowid FROM ${CLAIMS_TABLE} WHERE expires_at <= ? LIMIT ?)`,
  );
  const sliceEnd = db.prepare<[number, number], { last: number | null }>(
    `SELECT max(rowid) AS last FROM (SELECT rowid FROM ${KEYV_TABLE} WHERE rowid > ? ORDER BY rowid LIMIT ?)`,
  );
  const dropValues = db.prepare<[number, number, number]>(
    `DELETE FROM ${KEYV_TABLE} WHERE rowid > ? AND rowid <= ?
       AND json_valid(value) AND json_extract(value, '$.expires') <= ?`,
  );
  let cursor = 0;
  return () => {
    const now = Date.now();
    for (let batch = 0; batch < SWEEP_MAX_CLAIM_BATCHES; batch++) {
      if (dropClaims.run(now, SWEEP_BATCH).changes < SWEEP_BATCH) break;
    }
    for (let batch = 0; batch < SWEEP_MAX_VALUE_BATCHES; batch++) {
      const last = sliceEnd.get(cursor, SWEEP_BATCH)?.last ?? null;
      if (last === null) {
        cursor = 0;
        break;
      }
      dropValues.run(cursor, last, now);
      cursor = last;
    }
  };
}
