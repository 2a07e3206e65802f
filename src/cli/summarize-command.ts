// `paperboy summarize <id|url> [--json]`: prints a paper's summary and where it came from.
import { PaperboyError } from "../errors.ts";
import { parsePaperRef } from "../papers/arxiv-id.ts";
import { lookupWasIncomplete, missingPaperText } from "../papers/missing-paper.ts";
import type { LookupOutcome } from "../papers/search-papers.ts";
import type { Summarizer } from "../summaries/summarizer.ts";
import type { SummaryOrigin } from "../summaries/summary.ts";

export interface SummarizeCommandInput {
  /** What the user typed: an arXiv id, `arXiv:…`, or an arXiv / Hugging Face URL. */
  ref: string;
  json?: boolean;
  deps: {
    summarizer: Pick<Summarizer, "summarize">;
    /** Finds a paper by bare arXiv id (index first, then the sources), saying which sources did not answer. */
    lookupPaper: (id: string) => Promise<Pick<LookupOutcome, "paper" | "unreachable">>;
  };
}

const PROVENANCE: Record<SummaryOrigin, string> = {
  llm: "written by the LLM just now",
  cache: "from the cache (written by the LLM earlier)",
  hf_ai_summary: "fallback: Hugging Face's own AI summary (no LLM summary available)",
  extractive: "fallback: a sentence extracted from the abstract (no LLM summary available)",
};

/**
 * Returns the command's output. Throws `bad_paper_ref` for input that names no paper and
 * `paper_not_found` for an id every source said it does not have, `source_unreachable` when a
 * source could not be asked; the summary itself never fails (it falls back).
 */
export async function runSummarizeCommand({ ref, json, deps }: SummarizeCommandInput): Promise<string> {
  const id = parsePaperRef(ref);
  if (!id) throw new PaperboyError("bad_paper_ref", `Got "${ref}".`);
  const found = await deps.lookupPaper(id);
  const paper = found.paper;
  if (!paper) {
    // "Not found" only when every source answered; otherwise the paper may well exist.
    if (lookupWasIncomplete(found))
      throw new PaperboyError("source_unreachable", missingPaperText(id, found));
    throw new PaperboyError("paper_not_found", `Looked for ${id}.`);
  }
  const summary = await deps.summarizer.summarize(paper);
  const provenance = PROVENANCE[summary.origin];
  if (json) {
    return JSON.stringify({ id: paper.id, title: paper.title, ...summary, provenance }, null, 2);
  }
  const lines = [`${paper.id} · ${paper.title}`, "", `TL;DR: ${summary.tldr}`];
  if (summary.bullets) {
    lines.push(
      `  • Problem: ${summary.bullets.problem}`,
      `  • Method: ${summary.bullets.method}`,
      `  • Result: ${summary.bullets.result}`,
    );
  }
  lines.push("", `Source: ${summary.label}, ${provenance}`);
  return lines.map(forTerminal).join("\n");
}

/** Drops control characters so text from a paper or a model cannot drive the terminal (ANSI escapes). */
function forTerminal(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}
