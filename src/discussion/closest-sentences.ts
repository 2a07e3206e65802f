// Term-overlap matching between a question and a paper's sentences or paragraphs, with light stemming.
import { splitSentences } from "../summaries/extractive-summary.ts";

// Question words and glue: they say how something is asked, not what it is about.
const STOPWORDS = new Set(
  (
    "a about above after again all also am an and any are as at be because been before being below between both " +
    "but by can could did do does doing down during each few for from further had has have having he her here him " +
    "his how i if in into is it its itself just me more most much my no nor not of off on once only or other our " +
    "out over own same she should so some such than that the their them then there these they this those through " +
    "to too under until up very was we were what when where which while who whom why will with would you your " +
    "paper authors author think tell explain please does did main key really"
  ).split(" "),
);

// Longest first, so "izations" is removed before "s".
const SUFFIXES = [
  "izations",
  "isations",
  "ization",
  "isation",
  "ational",
  "fulness",
  "ousness",
  "iveness",
  "ations",
  "ation",
  "ities",
  "ness",
  "ments",
  "ment",
  "izers",
  "izer",
  "ized",
  "izes",
  "ize",
  "ised",
  "ises",
  "ise",
  "izing",
  "ising",
  "ings",
  "ing",
  "ity",
  "ers",
  "er",
  "ed",
  "ly",
];

/** Reduces a word to a rough stem so "regularization", "regularizers" and "regularized" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "regulariz" / "regular", "optimiz" / "optim": trailing z/e left by the suffixes is noise.
  return w.length > 4 ? w.replace(/[ez]$/, "") : w;
}

/** The stemmed content terms of a text, lower-cased and accent-folded, stopwords dropped. */
export function contentTerms(text: string): string[] {
  const words =
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    for (const part of word.includes("-") ? [word, ...word.split("-")] : [word]) {
      if (part.length < 2 || STOPWORDS.has(part) || /^\d+$/.test(part)) continue;
      terms.push(stem(part));
    }
  }
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
