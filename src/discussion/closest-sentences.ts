// Term-overlap matching between a question and a paper's sentences or paragraphs, on the index's Porter stems.
import { stemWord, tokenizeWords, withStopwords } from "../papers/text-tokens.ts";
import { splitSentences } from "../summaries/extractive-summary.ts";

// Function words, plus the words a question to a paper is phrased with ("tell me the main key
// idea the authors explain"): they say how something is asked, not what it is about.
const IGNORED = withStopwords("also much paper authors author think tell explain please main key really");

/**
 * The index's Porter stem, minus a final `e` on words over four letters: Porter keeps the `e` of
 * `style` but drops it from the compound `adam-style`, and a question's compound must meet the prose's parts.
 */
export function stem(word: string): string {
  const porter = stemWord(word);
  return porter.length > 4 && porter.endsWith("e") ? porter.slice(0, -1) : porter;
}

/**
 * The stemmed content terms of a text (the papers tokenizer: lower-cased, accent-folded), stopwords
 * dropped. A hyphenated word (`adam-style`) gives the whole compound and each of its parts.
 */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  const keep = (word: string) => {
    if (word.length >= 2 && !IGNORED.has(word) && !/^\d+$/.test(word)) terms.push(stem(word));
  };
  // Words joined by single hyphens make one compound: gather them, then keep the compound and its parts.
  let parts: string[] = [];
  let end = -1;
  const flush = () => {
    if (parts.length > 1) keep(parts.join("-"));
    for (const part of parts) keep(part);
    parts = [];
  };
  for (const token of tokenizeWords(text)) {
    if (!(token.start === end + 1 && text.charAt(end) === "-")) flush();
    parts.push(token.word);
    end = token.end;
  }
  flush();
  return terms;
}

/** A passage with its relevance to a question. */
export interface ScoredPassage {
  index: number;
  text: string;
  score: number;
}

/**
 * Scores passages by the question terms they contain, each term weighted by how rare it is among the
 * passages (a word every sentence uses says little). A term counts once per passage.
 */
export function scorePassages(passages: string[], question: string): ScoredPassage[] {
  const wanted = new Set(contentTerms(question));
  const bags = passages.map((passage) => new Set(contentTerms(passage)));
  const frequency = new Map<string, number>();
  for (const bag of bags)
    for (const term of bag) if (wanted.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  return passages.map((text, index) => {
    let score = 0;
    for (const term of bags[index] ?? []) {
      const df = frequency.get(term);
      if (df) score += Math.log(1 + passages.length / df);
    }
    return { index, text, score };
  });
}

/**
 * The abstract's sentences that best match the question, best first, at most `max`; a runner-up is only
 * included when it scores at least half as well as the best. Empty when no sentence shares a content
 * term with the question.
 */
export function closestSentences(abstract: string, question: string, max = 2): string[] {
  const scored = scorePassages(splitSentences(abstract), question).filter((passage) => passage.score > 0);
  const best = scored.sort((a, b) => b.score - a.score || a.index - b.index);
  const top = best[0]?.score ?? 0;
  return best
    .filter((passage) => passage.score >= top / 2)
    .slice(0, max)
    .map((passage) => passage.text);
}
