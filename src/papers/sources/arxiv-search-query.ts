// Turns what a person types into an arXiv API search_query that cannot be broken by quotes or operators.

// Words that carry no topic, and the words arXiv would read as boolean operators.
const STOPWORDS = new Set(
  "a an and andnot are as at be by can do does for from how in into is it of on or the to was were what which with why".split(
    " ",
  ),
);
const MAX_TERMS = 8;

/**
 * Turns free text into an arXiv `search_query`: quoted phrases stay phrases, other words become
 * `all:` terms, all ANDed. Quotes, colons, parentheses and operator words cannot change the query's
 * structure. Returns "" when nothing searchable is left.
 */
export function buildArxivSearchQuery(text: string): string {
  const terms: string[] = [];
  const words = (part: string) =>
    part
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0);
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
