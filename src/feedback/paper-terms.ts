// A paper's text as a compact bag of weighted terms (Porter stems and categories), the learning ranker's features.
import type { Paper } from "../papers/paper.ts";
import { FUNCTION_WORDS, stemWord, tokenizeWords } from "../papers/text-tokens.ts";

/** Term → weight (title words count twice, each category once as `cat:cs.CV`). */
export type TermCounts = Record<string, number>;

/** Words that say nothing about a paper's subject in an abstract; on top of the function words. */
const ABSTRACT_NOISE = new Set([
  ...FUNCTION_WORDS,
  ..."paper propose proposed method methods approach results show also based new using use used however our we".split(
    " ",
  ),
]);
const TITLE_WEIGHT = 2;
/** A category is a strong, clean signal of a group's field, worth a few words. */
const CATEGORY_WEIGHT = 3;
/** Terms kept per stored paper: the feedback store keeps these, not the abstract. */
export const MAX_STORED_TERMS = 40;

// A digest ranks the same candidate objects again for every channel: their terms are computed once per
// object, and dropped with it (a WeakMap holds nothing alive).
const termsOf = new WeakMap<object, TermCounts>();

/** Weighted terms of a paper's title, abstract and categories (all of them; see `topTerms` to store). Do not mutate. */
export function paperTerms(paper: Pick<Paper, "title" | "abstract" | "categories">): TermCounts {
  let counts = termsOf.get(paper);
  if (!counts) {
    counts = countTerms(paper);
    termsOf.set(paper, counts);
  }
  return counts;
}

function countTerms(paper: Pick<Paper, "title" | "abstract" | "categories">): TermCounts {
  // No prototype: a paper about `constructor` or `__proto__` must count those words like any other.
  const counts: TermCounts = Object.create(null);
  const add = (text: string, weight: number) => {
    for (const { word } of tokenizeWords(text)) {
      if (word.length < 3 || ABSTRACT_NOISE.has(word) || /^\d+$/.test(word)) continue;
      const stem = stemWord(word);
      counts[stem] = (counts[stem] ?? 0) + weight;
    }
  };
  add(paper.title, TITLE_WEIGHT);
  add(paper.abstract, 1);
  for (const category of paper.categories) counts[`cat:${category}`] = CATEGORY_WEIGHT;
  return counts;
}

/** The `limit` heaviest terms (ties by name, so the result is stable): what a stored feedback keeps. */
export function topTerms(counts: TermCounts, limit = MAX_STORED_TERMS): TermCounts {
  const kept = Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
  return Object.fromEntries(kept);
}
