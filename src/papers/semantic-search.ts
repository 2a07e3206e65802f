// The vector half of a search: which queries it joins, the query's text to embed, and rows a filter keeps.

import type { PaperRow } from "./paper-row.ts";
import type { RowFilter } from "./row-filter.ts";
import { type ParsedQuery, parseSearchQuery } from "./search-query.ts";

/** Vector candidates per search, fused with BM25's: deep enough for page 2–3 of results. */
export const VECTOR_DEPTH = 100;

/**
 * Whether vectors take part: a query with free words and no author filter (vectors know nothing of
 * authors; an author search must only return that author's papers).
 */
export function joinsVectors(query: ParsedQuery): boolean {
  return !query.paperId && query.authors.length === 0 && query.terms.length + query.phrases.length > 0;
}

/** The text a query's vector is computed from (its free words and phrases), or undefined when it has none. */
export function semanticQueryText(input: string): string | undefined {
  const query = parseSearchQuery(typeof input === "string" ? input : "");
  if (!joinsVectors(query)) return undefined;
  return [...query.terms, ...query.phrases.flat()].map((t) => t.word).join(" ");
}

/** Whether a row passes a query's category and date filters (what the FTS candidates get in SQL). */
export function rowPasses(row: PaperRow, filter: RowFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.since && (row.published ?? "") < filter.since) return false;
  if (filter.before && (row.published ?? "9999") >= filter.before) return false;
  if (filter.categories.length === 0) return true;
  return filter.categories.some((cat) =>
    row.categories
      .toLowerCase()
      .includes(cat.includes(".") ? ` ${cat.toLowerCase()} ` : ` ${cat.toLowerCase()}.`),
  );
}
