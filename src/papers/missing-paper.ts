// What to say when a lookup found no paper: "not found" only when every source answered, otherwise who could not be reached.
import type { LookupOutcome } from "./search-papers.ts";

const SOURCE_NAMES: Record<string, string> = { hf: "Hugging Face", arxiv: "arXiv" };
const ALL_SOURCES = ["hf", "arxiv"];

/** "Hugging Face and arXiv" for `["hf", "arxiv"]`: the sources' names as people know them. */
export function sourceNames(names: string[]): string {
  return names.map((name) => SOURCE_NAMES[name] ?? name).join(" and ");
}

/** True when some source did not answer, so the paper may exist after all. */
export function lookupWasIncomplete(outcome: Pick<LookupOutcome, "unreachable">): boolean {
  return outcome.unreachable.length > 0;
}

/**
 * One sentence for a lookup of `id` that found nothing: where it was looked for and, when sources
 * failed, timed out or are cooling down, that they could not be reached (so "try again later", not "no such paper").
 */
export function missingPaperText(id: string, outcome: Pick<LookupOutcome, "unreachable">): string {
  if (!lookupWasIncomplete(outcome)) {
    return `No paper ${id} was found in the index, on Hugging Face or on arXiv.`;
  }
  const answered = ALL_SOURCES.filter((name) => !outcome.unreachable.includes(name)).map(
    (name) => SOURCE_NAMES[name] ?? name,
  );
  const lookedIn = answered.length > 0 ? `the local index or on ${answered.join(" or ")}` : "the local index";
  return `${id} is not in ${lookedIn}, and ${sourceNames(outcome.unreachable)} could not be reached to look for it; try again later.`;
}
