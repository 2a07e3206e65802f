// Embedded state backend: keyv on the official @keyv/sqlite adapter, claims in a table on the same connection.
import KeyvSqlite from "@keyv/sqlite";
import { Keyv } from "keyv";
import type { ClaimBackend, StateBackend } from "./state-backend.ts";

// How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 5_000;
const CLAIMS_TABLE = "paperboy_claims";

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Opens (creating if needed) the SQLite file at `path`; several processes may share it. */
export async function openSqliteBackend(path: string, namespace: string): Promise<StateBackend> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: BUSY_TIMEOUT_MS });
  // The adapter's own query function runs on its single connection, so claims share its locking.
  const query = adapter.query as Query;
  // WAL lets readers in other processes proceed while one process writes.
  if (path !== ":memory:") await query("PRAGMA journal_mode=WAL");
  await query(
    `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (key TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  );
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  return { kind: "sqlite", keyv, claims: sqliteClaims(query, namespace), close: () => keyv.disconnect() };
}

function sqliteClaims(query: Query, namespace: string): ClaimBackend {
  return {
    async claim(key, holder, ttlMs) {
      const now = Date.now();
      // One statement, so SQLite's write lock makes it atomic across connections and processes:
      // insert the claim, or take over a row whose claim has expired; RETURNING says which happened.
      const rows = await query(
        `INSERT INTO ${CLAIMS_TABLE} (key, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE ${CLAIMS_TABLE}.expires_at <= ?
         RETURNING key`,
        `${namespace}:${key}`,
        holder,
        now + ttlMs,
        now,
      );
      return rows.length === 1;
    },
    async release(key, holder) {
      await query(`DELETE FROM ${CLAIMS_TABLE} WHERE key = ? AND holder = ?`, `${namespace}:${key}`, holder);
    },
  };
}
