// What an export holds: a user's reading list or the papers a channel discussed, formatted as a citation file.
import pLimit from "p-limit";
import type { Paper } from "../papers/paper.ts";
import { EXPORT_FILES, type ExportFormat, formatCitations } from "./format-citations.ts";

/** Whose papers: one person's reading list, or everything discussed in one channel. */
export type ExportScope = { kind: "user"; user: string } | { kind: "channel"; team: string; channel: string };

/** Where the papers come from (the reading list, the discussions, the index and sources). */
export interface ExportSources {
  readingList: { list(user: string): Promise<string[]> };
  discussions: { discussedPapers(input: { team: string; channel: string }): Promise<Paper[]> };
  /** A paper by id, from the index or a source; undefined when nobody has it. */
  lookup(id: string): Promise<Paper | undefined>;
}

/** A finished export: the file, its name, and what went in (or could not be found). */
export interface PaperExport {
  content: string;
  filename: string;
  mimeType: string;
  papers: Paper[];
  /** Saved ids no source could describe: left out of the file, and the answer says so. */
  missing: string[];
}

/** Lookups of a reading list's papers at once: the index answers quickly, remote sources are rate-limited. */
const LOOKUPS_AT_ONCE = 4;

/** The papers in scope, in the list's order (newest first); ids nobody knows go to `missing`. */
export async function papersInScope(
  scope: ExportScope,
  sources: ExportSources,
): Promise<{ papers: Paper[]; missing: string[] }> {
  if (scope.kind === "channel") {
    return { papers: await sources.discussions.discussedPapers(scope), missing: [] };
  }
  const ids = await sources.readingList.list(scope.user);
  const limit = pLimit(LOOKUPS_AT_ONCE);
  const found = await Promise.all(ids.map((id) => limit(() => sources.lookup(id).catch(() => undefined))));
  const papers = found.filter((paper): paper is Paper => paper !== undefined);
  return { papers, missing: ids.filter((_id, index) => found[index] === undefined) };
}

/** Builds the export file for `scope`; an export with no papers has empty content (callers say so instead). */
export async function exportPapers(
  scope: ExportScope,
  format: ExportFormat,
  sources: ExportSources,
): Promise<PaperExport> {
  const { papers, missing } = await papersInScope(scope, sources);
  const { extension, mimeType } = EXPORT_FILES[format];
  const who = scope.kind === "user" ? `reading-list-${scope.user}` : `channel-${scope.channel}`;
  const content = papers.length === 0 ? "" : await formatCitations(papers, format);
  return { content, filename: `paperboy-${who}.${extension}`, mimeType, papers, missing };
}
