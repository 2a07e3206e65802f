// Word stems for matching a channel's excluded words and topics against titles and abstracts.

/**
 * Suffixes stripped, longest first, so "regularization", "regularized", "regularizer" and "regularizing"
 * all reduce to "regular", and "models" to "model". Deliberately light: a word keeps at least 3 letters,
 * so short words ("gas", "bias") survive intact.
 */
const SUFFIXES = [
  "izations",
  "ization",
  "isations",
  "isation",
  "ations",
  "ation",
  "izers",
  "izer",
  "izing",
  "ized",
  "izes",
  "ize",
  "ings",
  "ing",
  "edly",
  "ed",
  "ies",
  "es",
  "s",
];

/** Lowercases and strips one common English suffix: the stem both sides of a match are reduced to. */
export function stemWord(word: string): string {
  const lower = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 3) {
      const stem = lower.slice(0, -suffix.length);
      // "studies" → "study", "ss" endings ("loss", "class") are not plurals.
      if (suffix === "ies") return `${stem}y`;
      if (suffix === "s" && stem.endsWith("s")) return lower;
      if (suffix === "es" && !/(s|x|z|ch|sh)$/.test(stem)) return lower.slice(0, -1);
      return stem;
    }
  }
  return lower;
}

/** Letters and digits runs, lowercased and stemmed, in order. */
export function stemTokens(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemWord);
}

/** True when `phrase`'s stems occur as a consecutive run among `tokens` (a single word is a run of one). */
export function containsPhrase(tokens: string[], phrase: string): boolean {
  const wanted = stemTokens(phrase);
  if (wanted.length === 0) return false;
  outer: for (let i = 0; i + wanted.length <= tokens.length; i++) {
    for (let j = 0; j < wanted.length; j++) if (tokens[i + j] !== wanted[j]) continue outer;
    return true;
  }
  return false;
}

/** The first of `words` found in the paper's title or abstract (case-insensitive, stems match), if any. */
export function findExcludedWord(
  paper: { title: string; abstract: string },
  words: readonly string[],
): string | undefined {
  if (words.length === 0) return undefined;
  const tokens = stemTokens(`${paper.title}\n${paper.abstract}`);
  return words.find((word) => containsPhrase(tokens, word));
}
