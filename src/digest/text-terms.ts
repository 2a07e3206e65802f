// Matching a channel's topics and excluded words against titles and abstracts, with the index's tokenizer and Porter stems.
import { stemWord, tokenizeWords } from "../papers/text-tokens.ts";

/** Folded words of a text with their Porter stems, in order (the papers index's tokenizer and stemmer). */
export interface StemmedText {
  words: string[];
  stems: string[];
}

export function stemText(text: string): StemmedText {
  const words = tokenizeWords(text).map((token) => token.word);
  return { words, stems: words.map(stemWord) };
}

/** The Porter stems of a topic or excluded word, in order (`Reinforcement Learning` → `reinforc learn`). */
export function stemTokens(text: string): string[] {
  return stemText(text).stems;
}

// A compound tail must leave a real head (`bio` + `medical`) and be a word of its own, not a fragment:
// `art` must not remove *particle*, so words under four letters only match whole.
const MIN_HEAD = 2;
const MIN_TAIL_WORD = 4;

/** Whether `word` (folded) ends in a word whose stem is `stem`: `biomedical` for `medic`. */
function hasCompoundTail(word: string, stem: string): boolean {
  const probe = stem.length > 3 ? stem.slice(0, -1) : stem;
  for (let at = word.indexOf(probe, MIN_HEAD); at !== -1; at = word.indexOf(probe, at + 1)) {
    if (stemWord(word.slice(at)) === stem) return true;
  }
  return false;
}

/**
 * How many times `phrase` (its stems, in a row) occurs in `text`. With `compoundTails`, the phrase's first
 * word may also be the tail of a compound (`medical imaging` in *biomedical imaging*).
 */
export function countPhrase(text: StemmedText, phrase: readonly string[], compoundTails = false): number {
  const [first, ...rest] = phrase;
  if (first === undefined) return 0;
  let count = 0;
  outer: for (let i = 0; i + phrase.length <= text.stems.length; i++) {
    const stem = text.stems[i] as string;
    if (stem !== first && !(compoundTails && hasCompoundTail(text.words[i] as string, first))) continue;
    for (let j = 0; j < rest.length; j++) if (text.stems[i + 1 + j] !== rest[j]) continue outer;
    count++;
  }
  return count;
}

/**
 * The first of `words` the paper uses (title or abstract): as a word, in any inflection (same Porter
 * stem: `medical`, `medically`), or as the tail of a compound (`biomedical`); a phrase as consecutive words
 * (`medical imaging`). Words under four letters match only whole words, so `art` keeps *particle*.
 */
export function findExcludedWord(
  paper: { title: string; abstract: string },
  words: readonly string[],
): string | undefined {
  if (words.length === 0) return undefined;
  const text = stemText(`${paper.title}\n${paper.abstract}`);
  return words.find((word) => {
    const stems = stemTokens(word);
    const whole = (stemText(word).words[0] ?? "").length < MIN_TAIL_WORD;
    return stems.length > 0 && countPhrase(text, stems, !whole) > 0;
  });
}
