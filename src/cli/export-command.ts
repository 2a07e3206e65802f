// `paperboy export`: a reading list or a channel's discussed papers as BibTeX, RIS or CSL-JSON, printed or written.
import { writeFile } from "node:fs/promises";
import { type ExportScope, type ExportSources, exportPapers } from "../export/export-papers.ts";
import type { ExportFormat } from "../export/format-citations.ts";

export interface ExportCommandOptions {
  scope: ExportScope;
  format: ExportFormat;
  /** Write the file here instead of printing it. */
  out?: string;
}

/** Builds the export; returns what to print (the file itself, or where it went) and the exit code. */
export async function runExportCommand(
  options: ExportCommandOptions,
  sources: ExportSources,
): Promise<{ output: string; exitCode: number }> {
  const result = await exportPapers(options.scope, options.format, sources);
  const whose =
    options.scope.kind === "user"
      ? `${options.scope.user}'s reading list`
      : `the papers discussed in ${options.scope.channel} (team ${options.scope.team})`;
  if (result.papers.length === 0) return { output: `Nothing to export: ${whose} is empty.`, exitCode: 1 };
  const missing =
    result.missing.length > 0
      ? `\n${result.missing.length} saved paper(s) left out, not found in the index or the sources: ${result.missing.join(", ")}`
      : "";
  if (!options.out) {
    // The file goes to stdout as it is; what was left out goes to stderr, so a redirect stays a clean file.
    if (missing) process.stderr.write(`${missing.trim()}\n`);
    return { output: result.content.trimEnd(), exitCode: 0 };
  }
  await writeFile(options.out, result.content);
  return {
    output: `Wrote ${result.papers.length} paper(s) from ${whose} to ${options.out}.${missing}`,
    exitCode: 0,
  };
}
