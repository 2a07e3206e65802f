// Parses `/papers export [mine|channel] [bibtex|ris|csl-json]` (either order, both optional).
import { EXPORT_FORMATS, type ExportFormat } from "../../export/format-citations.ts";

export type ExportRequest = { kind: "export"; scope: "mine" | "channel"; format: ExportFormat };

export const EXPORT_USAGE =
  "Use `/papers export [mine|channel] [bibtex|ris|csl-json]`: `mine` is your reading list (the default), `channel` the papers discussed here; BibTeX is the default format.";

// What people type for each format.
const FORMAT_WORDS: Record<string, ExportFormat> = {
  bibtex: "bibtex",
  bib: "bibtex",
  ris: "ris",
  "csl-json": "csl-json",
  csl: "csl-json",
  json: "csl-json",
};

/** The export request, or the reason the words are not one. */
export function parseExportArgs(words: string[]): ExportRequest | { kind: "invalid"; reason: string } {
  let scope: ExportRequest["scope"] | undefined;
  let format: ExportFormat | undefined;
  for (const raw of words) {
    const word = raw.toLowerCase();
    if ((word === "mine" || word === "channel") && !scope) scope = word;
    else if (Object.hasOwn(FORMAT_WORDS, word) && !format) format = FORMAT_WORDS[word];
    else {
      const known = EXPORT_FORMATS.join(", ");
      return {
        kind: "invalid",
        reason: `“${raw.slice(0, 40)}” is not something to export (formats: ${known}). ${EXPORT_USAGE}`,
      };
    }
  }
  return { kind: "export", scope: scope ?? "mine", format: format ?? "bibtex" };
}
