// The tokens term vectors are trained on and looked up by: the index's folded, Porter-stemmed words.
import { FUNCTION_WORDS, stemWord, tokenizeWords } from "../text-tokens.ts";

const DIGITS = /^\d+$/;

/** The stem a folded word is looked up by, or undefined for a function word or a bare number. */
export function termOf(word: string): string | undefined {
  return FUNCTION_WORDS.has(word) || DIGITS.test(word) ? undefined : stemWord(word);
}

/** Stems of a text's words, function words and bare numbers dropped, in order (repeats kept). */
export function termTokens(text: string): string[] {
  const stems: string[] = [];
  for (const { word } of tokenizeWords(text)) {
    const stem = termOf(word);
    if (stem !== undefined) stems.push(stem);
  }
  return stems;
}
