// The tokens term vectors are trained on and looked up by: the index's folded, Porter-stemmed words.
import { FUNCTION_WORDS, stemWord, tokenizeWords } from "../text-tokens.ts";

/** Stems of a text's words, function words and bare numbers dropped, in order (repeats kept). */
export function termTokens(text: string): string[] {
  const stems: string[] = [];
  for (const { word } of tokenizeWords(text)) {
    if (FUNCTION_WORDS.has(word) || /^\d+$/.test(word)) continue;
    stems.push(stemWord(word));
  }
  return stems;
}
