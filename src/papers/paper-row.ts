// Maps a Paper to the papers table's columns and back, and merges a re-ingested paper into the stored one.
import type { Paper, PaperSource } from "./paper.ts";

/** One row of the `papers` table as better-sqlite3 returns it. */
export interface PaperRow {
  rowid: number;
  id: string;
  shard: number;
  title: string;
  /** Author names joined by newlines (names never contain one); FTS5 indexes the same text. */
  authors: string;
  abstract: string;
  /** Categories space-padded (` cs.LG stat.ML `) so `LIKE '% cs.LG %'` matches whole names. */
  categories: string;
  published: string | null;
  upvotes: number | null;
  /** JSON object with the optional fields that neither ranking nor filters read. */
  extra: string | null;
}

/** The optional Paper fields kept in `extra`. */
type ExtraFields = Pick<
  Paper,
  "version" | "updatedAt" | "aiSummary" | "keywords" | "githubRepo" | "thumbnail" | "comment" | "numComments"
> & { source?: PaperSource };

const EXTRA_KEYS = [
  "version",
  "updatedAt",
  "aiSummary",
  "keywords",
  "githubRepo",
  "thumbnail",
  "comment",
  "numComments",
] as const;

export const AUTHOR_SEPARATOR = "\n";

export function joinAuthors(authors: readonly string[]): string {
  return authors.join(AUTHOR_SEPARATOR);
}

export function joinCategories(categories: readonly string[]): string {
  return categories.length > 0 ? ` ${categories.join(" ")} ` : "";
}

/** Serialises the optional fields; `source` is stored only when it is not `file` (the bulk default). */
export function extraJson(paper: Paper): string | null {
  let extra: ExtraFields | undefined;
  for (const key of EXTRA_KEYS) {
    const value = paper[key];
    if (value !== undefined && value !== null) {
      extra ??= {};
      (extra as Record<string, unknown>)[key] = value;
    }
  }
  if (paper.source !== "file") {
    extra ??= {};
    extra.source = paper.source;
  }
  return extra ? JSON.stringify(extra) : null;
}

/** Rebuilds a Paper from its row. */
export function paperFromRow(row: PaperRow): Paper {
  const extra = (row.extra ? JSON.parse(row.extra) : {}) as ExtraFields;
  const { source = "file", ...rest } = extra;
  const paper: Paper = {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors ? row.authors.split(AUTHOR_SEPARATOR) : [],
    categories: row.categories.trim() ? row.categories.trim().split(" ") : [],
    source,
    ...rest,
  };
  if (row.published) paper.publishedAt = row.published;
  if (row.upvotes !== null) paper.upvotes = row.upvotes;
  return paper;
}

/**
 * The stored paper updated with what a source says now: fields the new record has replace the old
 * ones; fields it lacks (an arXiv record has no upvotes, an HF one may lack categories) are kept.
 */
export function mergePaper(stored: Paper, incoming: Paper): Paper {
  const merged: Paper = { ...stored };
  for (const [key, value] of Object.entries(incoming) as [keyof Paper, unknown][]) {
    if (value === undefined || value === null) continue;
    if (typeof value === "string" && value.trim() === "" && key !== "source") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  // A source still describing an older version (an HF record, a late feed) does not take the version back.
  if (stored.version !== undefined && (incoming.version ?? 0) < stored.version)
    merged.version = stored.version;
  return merged;
}

/** The column values a paper is stored as (without rowid and shard). */
export function rowValues(paper: Paper) {
  return {
    id: paper.id,
    title: paper.title,
    authors: joinAuthors(paper.authors),
    abstract: paper.abstract,
    categories: joinCategories(paper.categories),
    published: paper.publishedAt ?? null,
    upvotes: paper.upvotes ?? null,
    extra: extraJson(paper),
  };
}

/** Whether the indexed text (title, authors, abstract, categories) differs between two stored value sets. */
export function textChanged(a: ReturnType<typeof rowValues>, b: ReturnType<typeof rowValues>): boolean {
  return (
    a.title !== b.title ||
    a.authors !== b.authors ||
    a.abstract !== b.abstract ||
    a.categories !== b.categories
  );
}

/** Whether any stored column differs. */
export function rowChanged(a: ReturnType<typeof rowValues>, b: ReturnType<typeof rowValues>): boolean {
  return textChanged(a, b) || a.published !== b.published || a.upvotes !== b.upvotes || a.extra !== b.extra;
}
