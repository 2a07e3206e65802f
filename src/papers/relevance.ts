// Scores a candidate paper against a query (BM25F over title, authors, abstract) and finds the matched words.
import type { Highlight } from "./snippet.ts";
import { foldWord, isWordChar, sameWordFamily, stemWord, tokenizeWords } from "./text-tokens.ts";

/** A query word with its inverse document frequency, ready for scoring. */
export interface ScoringTerm {
  word: string;
  stem: string;
  idf: number;
}

/** Average field lengths (characters) in the index, for BM25 length normalisation. */
export interface FieldAverages {
  title: number;
  authors: number;
  abstract: number;
}

/** The text of a candidate that ranking reads. */
export interface CandidateText {
  title: string;
  authors: string;
  abstract: string;
  upvotes: number | null;
}

/** A candidate's score and where the query matched it. */
export interface Relevance {
  score: number;
  titleHighlights: Highlight[];
  abstractHighlights: Highlight[];
}

// BM25 per field, weighted: a title word counts most (as on every paper search site), an author's
// name next, and an abstract word, however often repeated, at most K1 + 1 = 2.2 times its weight.
// `adjacent`: what two query words side by side in the field ("softmax collapse") add to the score,
// over the same words apart.
const FIELDS = {
  title: { weight: 3.5, b: 0.3, adjacent: 0.6 },
  authors: { weight: 2.4, b: 0.3, adjacent: 0 },
  abstract: { weight: 1, b: 0.75, adjacent: 0.25 },
} as const;
const K1 = 1.2;
// Words that share the stem but not the family (`regular` for `regularization`) count this much.
const STEM_ONLY = 0.35;
// How strongly missing query words (weighted by idf) pull a score down.
const COVERAGE_POWER = 2;
// Upvotes only break near-ties: 100 upvotes add about 0.1 to scores that are usually 5–30.
const UPVOTE_WEIGHT = 0.02;

/** Inverse document frequency as Lucene computes it (never negative). */
export function idf(docFrequency: number, docCount: number): number {
  return Math.log(1 + (docCount - docFrequency + 0.5) / (docFrequency + 0.5));
}

interface Hit {
  term: number;
  weight: number;
  start: number;
  end: number;
}

/** Compiled per query: the stems to look for and the word prefixes that can lead to them. */
export class QueryMatcher {
  readonly terms: readonly ScoringTerm[];
  /**
   * The query's parts as indexes into `terms`: a word is a part of one term, a quoted phrase a part of
   * its words, which count only where they occur as the phrase. Default: every term is a part.
   */
  readonly parts: readonly (readonly number[])[];
  readonly #byStem: Map<string, number>;
  readonly #prefixes: string[];

  constructor(terms: readonly ScoringTerm[], parts?: readonly (readonly number[])[]) {
    this.terms = terms;
    this.parts = parts ?? terms.map((_, i) => [i]);
    this.#byStem = new Map(terms.map((t, i) => [t.stem, i]));
    // A Porter stem minus its last letter is always a prefix of the word it came from, so finding
    // these prefixes at word starts finds every word that can stem to a query stem; only those
    // words are then folded and stemmed. (Checked against FTS5 on the corpus vocabulary.)
    const prefixes = new Set(terms.map((t) => (t.stem.length >= 3 ? t.stem.slice(0, -1) : t.stem)));
    // A prefix that contains another finds nothing the shorter one misses.
    this.#prefixes = [...prefixes].filter((p) => ![...prefixes].some((q) => q !== p && p.startsWith(q)));
  }

  #hit(word: string, start: number, end: number): Hit | undefined {
    const term = this.#byStem.get(stemWord(word));
    if (term === undefined) return undefined;
    const q = this.terms[term] as ScoringTerm;
    return { term, weight: sameWordFamily(q.word, q.stem, word) ? 1 : STEM_ONLY, start, end };
  }

  /** Every word of `text` that stems to a query stem, in text order. */
  match(text: string): Hit[] {
    const hits: Hit[] = [];
    if (this.#prefixes.length === 0 || text.length === 0) return hits;
    const lower = text.toLowerCase();
    // Lower-casing changed some lengths (rare scripts): offsets would drift, so tokenise instead.
    if (lower.length !== text.length) {
      for (const t of tokenizeWords(text)) {
        const hit = this.#hit(t.word, t.start, t.end);
        if (hit) hits.push(hit);
      }
      return hits;
    }
    for (const prefix of this.#prefixes) {
      let i = lower.indexOf(prefix);
      while (i !== -1) {
        let end = i + prefix.length;
        if (i === 0 || !isWordChar(lower.charCodeAt(i - 1))) {
          while (end < lower.length && isWordChar(lower.charCodeAt(end))) end++;
          const hit = this.#hit(foldWord(lower.slice(i, end)), i, end);
          if (hit) hits.push(hit);
        }
        i = lower.indexOf(prefix, end);
      }
    }
    if (this.#prefixes.length > 1) hits.sort((a, b) => a.start - b.start);
    return hits;
  }
}

function fieldFrequencies(hits: Hit[], termCount: number): Float64Array {
  const tf = new Float64Array(termCount);
  for (const h of hits) tf[h.term] = (tf[h.term] ?? 0) + h.weight;
  return tf;
}

/** Bonus for consecutive hits of different query words with nothing but separators between them. */
function adjacency(text: string, hits: Hit[], terms: readonly ScoringTerm[]): number {
  let bonus = 0;
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as Hit;
    const b = hits[i] as Hit;
    if (a.term === b.term || b.start - a.end > 3) continue;
    if (/[\p{L}\p{N}]/u.test(text.slice(a.end, b.start))) continue;
    bonus += Math.min((terms[a.term] as ScoringTerm).idf, (terms[b.term] as ScoringTerm).idf);
  }
  return bonus;
}

/** Whether the hits hold `part`'s terms in order, side by side (nothing but separators between them). */
function phraseIn(text: string, hits: readonly Hit[], part: readonly number[]): boolean {
  outer: for (let i = 0; i + part.length <= hits.length; i++) {
    for (let j = 0; j < part.length; j++) {
      const hit = hits[i + j] as Hit;
      if (hit.term !== part[j]) continue outer;
      if (j > 0) {
        const previous = hits[i + j - 1] as Hit;
        if (hit.start - previous.end > 3 || /[\p{L}\p{N}]/u.test(text.slice(previous.end, hit.start)))
          continue outer;
      }
    }
    return true;
  }
  return false;
}

/** Which of the matcher's parts a text matches: a word anywhere, a phrase as a phrase (title or abstract). */
export function matchedParts(
  matcher: QueryMatcher,
  text: { title: string; authors?: string; abstract: string },
  hits?: { title: Hit[]; authors: Hit[]; abstract: Hit[] },
): boolean[] {
  const found = hits ?? {
    title: matcher.match(text.title),
    authors: matcher.match(text.authors ?? ""),
    abstract: matcher.match(text.abstract),
  };
  return matcher.parts.map((part) => {
    if (part.length === 1) {
      const term = part[0];
      return [found.title, found.authors, found.abstract].some((h) => h.some((hit) => hit.term === term));
    }
    return phraseIn(text.title, found.title, part) || phraseIn(text.abstract, found.abstract, part);
  });
}

/** Scores one candidate; a candidate that matches no query word scores 0 (plus its upvote nudge). */
export function scoreCandidate(
  matcher: QueryMatcher,
  text: CandidateText,
  averages: FieldAverages,
): Relevance {
  const terms = matcher.terms;
  if (terms.length === 0) return { score: 0, titleHighlights: [], abstractHighlights: [] };
  const titleHits = matcher.match(text.title);
  const authorHits = matcher.match(text.authors);
  const abstractHits = matcher.match(text.abstract);
  const fields = [
    { hits: titleHits, length: text.title.length, average: averages.title, ...FIELDS.title },
    { hits: authorHits, length: text.authors.length, average: averages.authors, ...FIELDS.authors },
    { hits: abstractHits, length: text.abstract.length, average: averages.abstract, ...FIELDS.abstract },
  ];
  // Each field saturates on its own (BM25 per field, then a weighted sum): however often an abstract
  // repeats a word, it cannot outweigh the word in the title.
  const perTerm = new Float64Array(terms.length);
  for (const field of fields) {
    if (field.hits.length === 0) continue;
    const norm = 1 - field.b + (field.b * field.length) / Math.max(1, field.average);
    const tf = fieldFrequencies(field.hits, terms.length);
    for (let t = 0; t < terms.length; t++) {
      const f = tf[t] ?? 0;
      if (f > 0) perTerm[t] = (perTerm[t] ?? 0) + (field.weight * f * (K1 + 1)) / (f + K1 * norm);
    }
  }
  // Coverage is counted in parts (a phrase is one part, weighted by its rarest word), and a phrase's
  // words score only where the phrase occurs: "reinforcement learning" is not matched by "learning".
  const partMatched = matchedParts(matcher, text, {
    title: titleHits,
    authors: authorHits,
    abstract: abstractHits,
  });
  const counted = new Set<number>();
  let matchedIdf = 0;
  let totalIdf = 0;
  matcher.parts.forEach((part, p) => {
    const partIdf = Math.max(0, ...part.map((t) => (terms[t] as ScoringTerm).idf));
    totalIdf += partIdf;
    if (!partMatched[p]) return;
    matchedIdf += partIdf;
    for (const t of part) counted.add(t);
  });
  let score = 0;
  for (const t of counted) score += (terms[t] as ScoringTerm).idf * (perTerm[t] ?? 0);
  // A paper that covers every concept of a sentence-like query beats one that repeats some of them.
  if (totalIdf > 0) score *= (matchedIdf / totalIdf) ** COVERAGE_POWER;
  if (terms.length > 1 && score > 0) {
    score += FIELDS.title.adjacent * adjacency(text.title, titleHits, terms);
    score += FIELDS.abstract.adjacent * adjacency(text.abstract, abstractHits, terms);
  }
  score += UPVOTE_WEIGHT * Math.log1p(Math.max(0, text.upvotes ?? 0));
  return {
    score,
    titleHighlights: titleHits.map((h): Highlight => [h.start, h.end]),
    abstractHighlights: abstractHits.map((h): Highlight => [h.start, h.end]),
  };
}
