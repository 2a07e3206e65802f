// Turns what a person types into an arXiv API search_query that cannot be broken by quotes or operators.
import { tokenizeWords, withStopwords } from "../text-tokens.ts";

// Function words, and `andnot`, which arXiv would read as an operator (and, or, not are function words).
// The `/papers` filler words (paper, using, found …) stay: this was always a plain arXiv query.
const STOPWORDS = withStopwords("andnot");
const MAX_TERMS = 8;

/**
 * Turns free text into an arXiv `search_query`: quoted phrases stay phrases, other words become
 * `all:` terms, all ANDed. Quotes, colons, parentheses and operator words cannot change the query's
 * structure. Returns "" when nothing searchable is left.
 */
export function buildArxivSearchQuery(text: string): string {
  const terms: string[] = [];
  // The papers tokenizer's words, lower-cased but not accent-folded: arXiv folds them itself.
  const words = (part: string) =>
    tokenizeWords(part).map((token) => part.slice(token.start, token.end).toLowerCase());
  // Odd pieces of a split on quotes are inside quotes; an unclosed quote just runs to the end.
  text.split('"').forEach((part, index) => {
    if (index % 2 === 1) {
      const phrase = words(part);
      if (phrase.length > 1) terms.push(`all:"${phrase.join(" ")}"`);
      else if (phrase[0]) terms.push(`all:${phrase[0]}`);
    } else {
      for (const word of words(part)) if (!STOPWORDS.has(word)) terms.push(`all:${word}`);
    }
  });
  return [...new Set(terms)].slice(0, MAX_TERMS).join(" AND ");
}
