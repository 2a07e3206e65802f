// Lists stored papers by publication day, newest first, with date and category filters.
import type Database from "better-sqlite3";
import { PaperboyError } from "../errors.ts";
import type { Paper } from "./paper.ts";
import { type PaperRow, paperFromRow } from "./paper-row.ts";

/** Filters for listing papers by date, newest first. */
export interface RecentOptions {
  /** Published on or after this day (`YYYY-MM-DD`). */
  since?: string;
  /** Published before this day (`YYYY-MM-DD`). */
  before?: string;
  /** In any of these arXiv categories. */
  categories?: string[];
  /** At most this many (default 50). */
  limit?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function recentPapers(db: Database.Database, options: RecentOptions): Paper[] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [key, op] of [
    ["since", ">="],
    ["before", "<"],
  ] as const) {
    const day = options[key];
    if (day === undefined) continue;
    if (!DAY.test(day)) throw new PaperboyError("bad_input", `${key} must be YYYY-MM-DD, got "${day}".`);
    conditions.push(`published ${op} ?`);
    params.push(day);
  }
  const categories = (options.categories ?? []).filter((c) => /^[a-z][\w.-]*$/i.test(c));
  if (categories.length > 0) {
    // `cs.LG` is one category; `cs` is the whole archive (as in search's `cat:`).
    conditions.push(`(${categories.map(() => "categories LIKE ?").join(" OR ")})`);
    params.push(...categories.map((c) => (c.includes(".") ? `% ${c} %` : `% ${c}.%`)));
  }
  const limit = Math.min(10_000, Math.max(1, Math.floor(options.limit ?? 50)));
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  const rows = db
    .prepare(`SELECT rowid, * FROM papers ${where} ORDER BY published DESC, rowid DESC LIMIT ?`)
    .all(...params, limit) as PaperRow[];
  return rows.map(paperFromRow);
}
