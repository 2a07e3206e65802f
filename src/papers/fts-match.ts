// Builds FTS5 MATCH expressions from parsed queries; user text only ever appears inside FTS5 strings.
import type { ParsedQuery, QueryTerm } from "./search-query.ts";

/**
 * An FTS5 string: inside double quotes every character is literal (a doubled quote is a quote),
 * so operators, `*`, `:`, parentheses and column names typed by a user cannot become syntax.
 * Several words make a phrase.
 */
export function ftsString(words: readonly string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/** One ranked part of a query: a word, or a quoted phrase's words (matched in a row). */
export type MatchUnit = readonly QueryTerm[];

/** The parts of a query a MATCH expression is built from. */
export interface MatchParts {
  /** Ranked words and phrases, matched with OR: a row needs at least one. */
  anyOf: readonly MatchUnit[];
  /** Phrases every row must contain. */
  allOf: readonly QueryTerm[][];
  /** Author names (as words) every row's authors must contain. */
  authors: readonly string[][];
}

/**
 * Splits a parsed query into MATCH parts. A quoted phrase is one more ranked part, like a word: it
 * narrows nothing else (`"reinforcement learning" diffusion` finds papers with either).
 */
export function matchParts(query: ParsedQuery): MatchParts {
  return { anyOf: [...query.terms.map((t) => [t]), ...query.phrases], allOf: [], authors: query.authors };
}

/**
 * The MATCH expression for `parts`, or null when there is nothing to match (a filter-only query).
 * `columns` restricts the ranked words and phrases (not the author filters) to some columns, e.g.
 * `["title"]`; `conjunctive` requires every ranked word instead of any.
 */
export function matchExpression(
  parts: MatchParts,
  options: { columns?: readonly string[]; conjunctive?: boolean } = {},
): string | null {
  const clauses: string[] = [];
  const scope = options.columns ? `{${options.columns.join(" ")}}: ` : "";
  const words = parts.anyOf.map((unit) => ftsString(unit.map((t) => t.word)));
  if (words.length > 0) {
    const joined = words.join(options.conjunctive ? " AND " : " OR ");
    clauses.push(`${scope}(${joined})`);
  }
  for (const phrase of parts.allOf) {
    clauses.push(`${scope}${ftsString(phrase.map((t) => t.word))}`);
  }
  for (const author of parts.authors) clauses.push(`{authors}: ${ftsString(author)}`);
  return clauses.length > 0 ? clauses.join(" AND ") : null;
}
