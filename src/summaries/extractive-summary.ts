// The no-LLM TL;DR: the abstract's most central sentence (TF-IDF cosine degree centrality, as in LexRank).
import { stemWord, tokenizeWords, withStopwords } from "../papers/text-tokens.ts";
import { TLDR_MAX_WORDS, trimWords } from "./summary.ts";

// Function words, plus the stock phrases of an abstract ("we propose a novel approach ... results
// show"): every sentence has them, so with them every sentence looks similar to every other.
const IGNORED = withStopwords(
  "also much now yet however thus therefore moreover paper propose proposed show shows present work " +
    "approach method methods via using use used based new novel across well",
);

// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|fig|figs|eq|eqs|sec|approx|resp|no|al)|\b[A-Z])\.$/i;

/** Splits an abstract into sentences, keeping "e.g.", "et al." and decimals like "3.5" intact. */
export function splitSentences(text: string): string[] {
  const normalized = text.replace(/\s+/g, " ").trim();
  const sentences: string[] = [];
  let start = 0;
  for (const match of normalized.matchAll(/[.!?]+["')\]]*\s+(?=["'([]?[A-Z0-9])/g)) {
    const end = (match.index ?? 0) + match[0].trimEnd().length;
    const candidate = normalized.slice(start, end);
    if (ABBREVIATIONS.test(candidate.replace(/["')\]]+$/, ""))) continue;
    sentences.push(candidate.trim());
    start = end;
  }
  const rest = normalized.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** A sentence's topic terms: the papers tokenizer's words over two letters, stopwords dropped, Porter-stemmed. */
function terms(sentence: string): string[] {
  return tokenizeWords(sentence)
    .map((token) => token.word)
    .filter((word) => word.length > 2 && !IGNORED.has(word))
    .map(stemWord);
}

/**
 * The sentence most similar to all the others, i.e. the one the abstract keeps coming back to.
 * Very short sentences are damped (they are usually fragments or section openers); ties go to the earlier one.
 */
export function mostCentralSentence(abstract: string): string | undefined {
  const sentences = splitSentences(abstract);
  if (sentences.length <= 1) return sentences[0];
  const bags = sentences.map(terms);
  const documentFrequency = new Map<string, number>();
  for (const bag of bags)
    for (const term of new Set(bag)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vectors = bags.map((bag) => {
    const vector = new Map<string, number>();
    for (const term of bag) {
      const idf = Math.log((1 + sentences.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
      vector.set(term, (vector.get(term) ?? 0) + idf);
    }
    return vector;
  });
  const norms = vectors.map((vector) => Math.sqrt([...vector.values()].reduce((sum, w) => sum + w * w, 0)));

  let best = 0;
  let bestScore = -1;
  vectors.forEach((vector, i) => {
    let score = 0;
    vectors.forEach((other, j) => {
      if (i === j || !norms[i] || !norms[j]) return;
      let dot = 0;
      for (const [term, weight] of vector) dot += weight * (other.get(term) ?? 0);
      score += dot / ((norms[i] ?? 1) * (norms[j] ?? 1));
    });
    const words = sentences[i]?.split(" ").length ?? 0;
    if (words < 8) score *= 0.5;
    if (score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  });
  return sentences[best];
}

/** The extractive TL;DR: the most central sentence, cut to the TL;DR's word limit. */
export function extractiveTldr(abstract: string): string | undefined {
  const sentence = mostCentralSentence(abstract);
  return sentence ? trimWords(sentence, TLDR_MAX_WORDS) : undefined;
}
