// A search's category and date filters, as SQL on the papers table and as an FTS5 clause.
import { ftsString } from "./fts-match.ts";

/** Category and date filters of a query. */
export interface RowFilter {
  /** arXiv categories (`cs.LG`) or whole archives (`cs`); a paper must be in one. */
  categories: string[];
  since?: string;
  before?: string;
}

/** The filter as SQL on `papers AS p` (values bound, never spliced), for joins. */
export function filterSql(
  filter: RowFilter,
  withCategories: boolean,
): { sql: string; params: unknown[] } | undefined {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (withCategories && filter.categories.length > 0) {
    const alternatives = filter.categories.map((cat) => {
      params.push(cat.includes(".") ? `% ${cat} %` : `% ${cat}.%`);
      return "p.categories LIKE ?";
    });
    conditions.push(`(${alternatives.join(" OR ")})`);
  }
  if (filter.since) {
    conditions.push("p.published >= ?");
    params.push(filter.since);
  }
  if (filter.before) {
    conditions.push("p.published < ?");
    params.push(filter.before);
  }
  return conditions.length > 0 ? { sql: conditions.join(" AND "), params } : undefined;
}

/** Categories as an FTS5 clause on the indexed categories column (`cs.LG` is the phrase "cs lg"). */
export function categoryClause(filter: RowFilter | undefined): string | undefined {
  if (!filter || filter.categories.length === 0) return undefined;
  const phrases = filter.categories.map((cat) =>
    ftsString(
      cat
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter(Boolean),
    ),
  );
  return `{categories}: (${phrases.join(" OR ")})`;
}
