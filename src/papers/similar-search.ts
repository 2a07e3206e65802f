// Fusing vector ranks into a search, and similar papers: a paper's title words and its vector's neighbours.
import { reciprocalRankFusion } from "./embeddings/rank-fusion.ts";
import type { VectorMatrix } from "./embeddings/vector-matrix.ts";
import type { PaperRow } from "./paper-row.ts";

/**
 * BM25's ranking (`ranked`, best first) fused with the vectors' (`near`, rowids) by weighted RRF. `found`:
 * the rows the full-text search itself chose; a vector candidate scored by BM25 afterwards stays out of BM25's
 * list, else it displaces the papers BM25 alone would show (measured: fusion at weight 0.15 halved MRR@10).
 * With `page`, `ranked` need not hold the vector candidates: those that reach the page are read then.
 */
export function fuseRankings<T extends { row: PaperRow; score: number }>(
  ranked: T[],
  near: number[],
  weight: number,
  found?: ReadonlySet<number>,
  page?: FusedPage<T>,
): T[] {
  const byRowid = new Map(ranked.map((r) => [r.row.rowid, r]));
  const lexical = ranked
    .filter((r) => r.score > 0 && (!found || found.has(r.row.rowid)))
    .map((r) => r.row.rowid);
  const semantic = page ? near : near.filter((rowid) => byRowid.has(rowid));
  const fused = reciprocalRankFusion([
    { keys: lexical, weight: 1 },
    { keys: semantic, weight },
  ]);
  if (page) {
    // Only the vector candidates that reach the page are read; one whose row is gone is skipped.
    const wanted = fused.slice(0, page.end).flatMap(({ key }) => (byRowid.has(key) ? [] : [key]));
    if (wanted.length > 0) for (const r of page.rowsOf(wanted)) byRowid.set(r.row.rowid, r);
  }
  return fused.flatMap(({ key, score }) => {
    const r = byRowid.get(key);
    return r ? [{ ...r, score }] : [];
  });
}

/** The results a search returns (`end`: its offset plus limit) and how to read and score rows it lacks. */
export interface FusedPage<T> {
  end: number;
  rowsOf(rowids: number[]): T[];
}

/** A search hit as far as similar papers care (index-search.ts's SearchHit; kept apart to avoid a cycle). */
interface Hit {
  paper: { id: string };
  score: number;
}

/** What similar papers need from the index's search half. */
export interface SimilarSearchParts<H extends Hit> {
  search(query: string, options: { limit: number; ids?: string[] }): H[];
  rows(rowids: number[]): PaperRow[];
  hit(row: PaperRow, score: number): H;
  vectors?: VectorMatrix;
}

/**
 * Papers like a stored one: BM25 with its title as the query ("more like this") fused with the papers
 * nearest its vector, itself left out. Without a vector the BM25 half answers alone.
 */
export function similarHits<H extends Hit>(
  paper: PaperRow,
  page: { limit: number; offset: number; allowed: number[] | undefined },
  parts: SimilarSearchParts<H>,
): H[] {
  const depth = Math.min(100, page.offset + page.limit + 10);
  const ids = page.allowed ? { ids: parts.rows(page.allowed).map((r) => r.id) } : {};
  // Query syntax characters in a title are words to match, not operators.
  const title = paper.title.replace(/[":()*^]/g, " ");
  const lexical = parts.search(title, { limit: depth, ...ids }).filter((h) => h.paper.id !== paper.id);
  const vector = parts.vectors?.vectorOf(paper.rowid);
  const within = page.allowed ? new Set(page.allowed) : undefined;
  const near = vector ? (parts.vectors?.nearest(vector, depth + 1, within) ?? []) : [];
  const rowids = near.map((m) => m.rowid).filter((r) => r !== paper.rowid);
  const rows = new Map(parts.rows(rowids).map((r) => [r.rowid, r]));
  const hits = new Map<string, H>(lexical.map((h) => [h.paper.id, h]));
  const nearIds = rowids.flatMap((rowid) => {
    const row = rows.get(rowid);
    if (!row) return [];
    if (!hits.has(row.id)) hits.set(row.id, parts.hit(row, 0));
    return [row.id];
  });
  return reciprocalRankFusion([
    { keys: lexical.map((h) => h.paper.id), weight: 1 },
    { keys: nearIds, weight: 1 },
  ])
    .slice(page.offset, page.offset + page.limit)
    .map(({ key, score }) => ({ ...(hits.get(key) as H), score }));
}
