// Whether search results match a query in full, or only in part: for the note a partial answer carries.
import type { Paper } from "./paper.ts";
import { matchedParts, QueryMatcher } from "./relevance.ts";
import { type ParsedQuery, parseSearchQuery, partKey, type QueryTerm } from "./search-query.ts";

/** The query's ranked parts (words and phrases) and whether `paper` matches every part of some side. */
export function matchesWholeQuery(query: ParsedQuery, paper: Pick<Paper, "title" | "abstract" | "authors">) {
  const parts: QueryTerm[][] = [...query.terms.map((t) => [t]), ...query.phrases];
  const terms = [...new Map(parts.flat().map((t) => [t.stem, { ...t, idf: 1 }])).values()];
  const position = new Map(terms.map((t, i) => [t.stem, i]));
  const matcher = new QueryMatcher(
    terms,
    parts.map((part) => part.map((t) => position.get(t.stem) as number)),
  );
  const matched = matchedParts(matcher, { ...paper, authors: paper.authors.join(", ") });
  const found = new Set(parts.filter((_, i) => matched[i]).map(partKey));
  const sides = query.alternatives ?? [parts.map(partKey)];
  return sides.some((side) => side.every((key) => found.has(key)));
}

/**
 * A plain-text note for results that match only part of a query (`diffusion "reinforcement learning"`
 * when no paper has both): undefined when a shown paper matches it all, or it has a single part. A query
 * with `OR` or commas is matched in full by a paper matching every part of one side.
 */
export function partialMatchNote(
  input: string,
  papers: readonly Pick<Paper, "title" | "abstract" | "authors">[],
): string | undefined {
  const query = parseSearchQuery(input);
  const parts = query.terms.length + query.phrases.length;
  if (papers.length === 0 || parts < 2) return undefined;
  if (papers.some((paper) => matchesWholeQuery(query, paper))) return undefined;
  const shown = [
    ...query.terms.map((t) => t.word),
    ...query.phrases.map((p) => `“${p.map((t) => t.word).join(" ")}”`),
  ];
  const all = query.alternatives ? "all the words of any side of" : "all of";
  return `No paper matches ${all} ${shown.join(", ")}; showing the best partial matches.`;
}
