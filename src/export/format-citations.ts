// Formats papers as BibTeX, RIS or CSL-JSON with citation-js (loaded on first use), with arXiv fields and DOIs.

import { citationName } from "../papers/author-names.ts";
import type { Paper } from "../papers/paper.ts";
import { citationKeys, paperYear } from "./citation-keys.ts";

export const EXPORT_FORMATS = ["bibtex", "ris", "csl-json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File name extension and MIME type per format, for uploads and `--out`. */
export const EXPORT_FILES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  bibtex: { extension: "bib", mimeType: "application/x-bibtex" },
  ris: { extension: "ris", mimeType: "application/x-research-info-systems" },
  "csl-json": { extension: "json", mimeType: "application/vnd.citationstyles.csl+json" },
};

/** arXiv's own DOI (DataCite, 10.48550) exists for every arXiv paper. */
export function arxivDoi(id: string): string {
  return `10.48550/arXiv.${id}`;
}

// Ids and categories go into BibTeX verbatim; anything else is dropped rather than escaped into a wrong id.
const SAFE_ID = /^[A-Za-z0-9.\-/]+$/;

/** The paper as CSL-JSON, citation-js's common form (a preprint on arXiv). */
function cslItem(paper: Paper, key: string, type: string): Record<string, unknown> {
  const year = paperYear(paper);
  const month = /^\d{4}-(\d{2})/.exec(paper.publishedAt ?? "")?.[1];
  return {
    id: key,
    "citation-key": key,
    type,
    title: paper.title,
    author: paper.authors.map(citationName),
    ...(year ? { issued: { "date-parts": [month ? [year, Number(month)] : [year]] } } : {}),
    DOI: arxivDoi(paper.id),
    URL: `https://arxiv.org/abs/${paper.id}`,
    publisher: "arXiv",
    number: paper.id,
    archive: "arXiv",
    archive_location: paper.id,
    ...(paper.categories[0] ? { keyword: paper.categories.join(", ") } : {}),
    ...(paper.abstract ? { abstract: paper.abstract } : {}),
  };
}

type CitationJs = typeof import("@citation-js/core") & {
  formatBibtex: typeof import("@citation-js/plugin-bibtex/lib/output/bibtex.js").format;
};
let loaded: Promise<CitationJs> | undefined;

/** citation-js with its BibTeX and RIS plugins, imported once and only when something is exported. */
function citationJs(): Promise<CitationJs> {
  loaded ??= (async () => {
    const core = await import("@citation-js/core");
    await import("@citation-js/plugin-bibtex");
    await import("@citation-js/plugin-ris");
    const { format } = await import("@citation-js/plugin-bibtex/lib/output/bibtex.js");
    return { ...core, formatBibtex: format };
  })();
  return loaded;
}

/** The papers in `format`, keyed as `citationKeys` says; an empty list gives an empty file. */
export async function formatCitations(papers: Paper[], format: ExportFormat): Promise<string> {
  if (papers.length === 0) return format === "csl-json" ? "[]\n" : "";
  const { Cite, plugins, formatBibtex } = await citationJs();
  const keys = citationKeys(papers);
  const keyOf = (paper: Paper) => keys.get(paper.id) ?? paper.id;
  if (format === "csl-json") {
    return `${JSON.stringify(
      papers.map((p) => cslItem(p, keyOf(p), "article")),
      null,
      2,
    )}\n`;
  }
  if (format === "ris") {
    return papers.length === 0
      ? ""
      : String(new Cite(papers.map((p) => cslItem(p, keyOf(p), "article"))).format("ris"));
  }
  // BibTeX: citation-js maps and escapes every field (accents, braces, &, %, $, _ …); the arXiv eprint
  // fields, which it has no CSL source for, are added to its entries before its own serialiser writes them.
  const entries = new Cite(papers.map((p) => cslItem(p, keyOf(p), "document"))).format("bibtex", {
    format: "object",
  }) as Array<{ type: string; label: string; properties: Record<string, string> }>;
  for (const [index, entry] of entries.entries()) {
    const paper = papers[index];
    if (!paper) continue;
    delete entry.properties.howpublished; // the same URL again
    if (!SAFE_ID.test(paper.id)) continue;
    entry.properties.eprint = paper.id;
    entry.properties.archivePrefix = "arXiv";
    const primary = paper.categories[0];
    if (primary && SAFE_ID.test(primary)) entry.properties.primaryClass = primary;
  }
  return formatBibtex(entries, plugins.dict.get("text"));
}
