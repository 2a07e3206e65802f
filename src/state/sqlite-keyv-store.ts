// A keyv store on better-sqlite3, in the table layout @keyv/sqlite created, so existing state.db files still read.
import { EventEmitter } from "node:events";
import type Database from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";

/** The table @keyv/sqlite 4 creates: keyv stores its serialised `{ value, expires }` JSON as `value`. */
export const KEYV_TABLE = "keyv";

/**
 * keyv's store contract on one open better-sqlite3 connection. Statements are synchronous and short; the
 * async signatures are keyv's. Expiry stays keyv's job (it drops an expired value when it reads one);
 * rows nobody reads again are deleted by the backend's sweep.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: { table: string };
  namespace?: string;
  private readonly select: Database.Statement<[string], { value: string }>;
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly removeLike: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    super();
    this.opts = { table: KEYV_TABLE };
    // Exactly @keyv/sqlite's statement, so a file it created and one created here are the same.
    db.exec(`CREATE TABLE IF NOT EXISTS ${KEYV_TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT )`);
    this.select = db.prepare(`SELECT value FROM ${KEYV_TABLE} WHERE key = ?`);
    this.upsert = db.prepare(
      `INSERT INTO ${KEYV_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.remove = db.prepare(`DELETE FROM ${KEYV_TABLE} WHERE key = ?`);
    this.removeLike = db.prepare(`DELETE FROM ${KEYV_TABLE} WHERE key LIKE ?`);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.select.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    // keyv hands over its serialised string; anything else would not read back the same.
    this.upsert.run(key, typeof value === "string" ? value : JSON.stringify(value));
  }

  async delete(key: string): Promise<boolean> {
    return this.remove.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.removeLike.run(this.namespace ? `${this.namespace}:%` : "%");
  }

  async has(key: string): Promise<boolean> {
    return this.select.get(key) !== undefined;
  }
}
