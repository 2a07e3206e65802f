// Turns one decoded JSON record of any shape paperboy imports (corpus line, seed, HF item, Paper) into a Paper.
import { arxivVersion, normalizeArxivId, parsePaperRef } from "../arxiv-id.ts";
import type { Paper, PaperSource } from "../paper.ts";
import { paperFromHfItem } from "./hf.ts";
import { collapseWhitespace, httpUrl, isoDay } from "./paper-fields.ts";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * One decoded record as a Paper, or the reason it is skipped. Accepts the corpus/JSON Lines shape,
 * the seed shape (`arxivId`), paperboy's own Paper objects, arXiv's Kaggle dump (string `authors`
 * and `categories`, `comments`, `update_date`) and Hugging Face items.
 */
export function paperFromRecord(value: unknown, source: PaperSource = "file"): Paper | string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const record = value as Record<string, unknown>;
  // Hugging Face items wrap the paper (`paper`) or call the abstract `summary`.
  if (
    (typeof record.paper === "object" && record.paper !== null) ||
    (record.abstract === undefined && typeof record.summary === "string")
  ) {
    return paperFromHfItem(record, source) ?? "a Hugging Face item without an arXiv id or title";
  }
  const rawId = text(record.id) ?? text(record.arxivId) ?? text(record.arxiv_id);
  if (rawId === undefined) return "no id";
  const id = normalizeArxivId(rawId) ?? parsePaperRef(rawId);
  if (!id) return `"${rawId.slice(0, 40)}" is not an arXiv id`;
  const title = collapseWhitespace(text(record.title) ?? "");
  if (!title) return "no title";

  const paper: Paper = {
    id,
    title,
    abstract: collapseWhitespace(text(record.abstract) ?? ""),
    authors: names(record.authors, /,\s*|\s+and\s+/),
    categories: names(record.categories, /\s+/),
    source,
  };
  const version = recordVersion(record, rawId);
  if (version) paper.version = version;
  const publishedAt = isoDay(record.date ?? record.publishedAt ?? record.published);
  if (publishedAt) paper.publishedAt = publishedAt;
  const updatedAt = isoDay(record.updatedAt ?? record.updated ?? record.update_date);
  if (updatedAt) paper.updatedAt = updatedAt;
  const comment = collapseWhitespace(text(record.comment) ?? text(record.comments) ?? "");
  if (comment) paper.comment = comment;
  if (typeof record.upvotes === "number" && record.upvotes >= 0) paper.upvotes = record.upvotes;
  const aiSummary = text(record.aiSummary);
  if (aiSummary) paper.aiSummary = aiSummary;
  if (Array.isArray(record.keywords)) paper.keywords = names(record.keywords, /,/);
  const githubRepo = httpUrl(record.githubRepo);
  if (githubRepo) paper.githubRepo = githubRepo;
  const thumbnail = httpUrl(record.thumbnail);
  if (thumbnail) paper.thumbnail = thumbnail;
  if (typeof record.numComments === "number" && record.numComments >= 0)
    paper.numComments = record.numComments;
  return paper;
}

// The version: a number (paperboy's own Paper), the id's `vN`, or the Kaggle dump's list of versions.
function recordVersion(record: Record<string, unknown>, rawId: string): number | undefined {
  if (typeof record.version === "number" && Number.isInteger(record.version) && record.version > 0)
    return record.version;
  if (Array.isArray(record.versions) && record.versions.length > 0) return record.versions.length;
  return arxivVersion(rawId);
}

// A list of names given as an array of strings, or as one string with separators.
function names(value: unknown, separator: RegExp): string[] {
  const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(separator) : [];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== "string") continue;
    const name = collapseWhitespace(part);
    if (name) out.push(name);
  }
  return out;
}
