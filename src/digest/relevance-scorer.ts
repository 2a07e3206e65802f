// How relevant each candidate paper is to a channel's topics: BM25 from the papers index, or in memory.
import type { Paper } from "../papers/paper.ts";
import { stemTokens } from "./text-terms.ts";

/**
 * Scores `papers` against a topics query; higher is more relevant, absent or 0 means no match.
 * Synchronous and side-effect free as far as the caller can tell, so composing a digest stays pure.
 */
export type RelevanceScorer = (topics: readonly string[], papers: readonly Paper[]) => Map<string, number>;

/** The query a channel's topics become: multi-word topics quoted as phrases, the rest as plain words. */
export function topicsQuery(topics: readonly string[]): string {
  return topics
    .map((topic) =>
      topic
        .replace(/["*()]/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((topic) => topic.length > 0)
    .map((topic) => (/\s/.test(topic) ? `"${topic}"` : topic))
    .join(" ");
}

/** The part of the papers index (`PaperIndex`) the scorer uses. */
export interface ScoringIndex {
  search(
    query: string,
    options: { limit: number; ids?: string[] },
  ): readonly { paper: { id: string }; score: number }[];
}

/**
 * BM25 from the papers index (field weights and stemming as search uses them), restricted to the
 * candidates' ids. The candidates must already be in the index (the candidate fetcher upserts them).
 * The index returns at most 100 hits a search: beyond the 100 best matches a candidate counts as unmatched,
 * which never matters for a digest of at most 20.
 */
export function indexRelevanceScorer(index: ScoringIndex): RelevanceScorer {
  return (topics, papers) => {
    const scores = new Map<string, number>();
    const query = topicsQuery(topics);
    if (!query || papers.length === 0) return scores;
    const ids = papers.map((paper) => paper.id);
    for (const hit of index.search(query, { limit: ids.length, ids })) {
      // The index's scores are "higher is better"; anything not above zero is no match.
      if (hit.score > 0) scores.set(hit.paper.id, hit.score);
    }
    return scores;
  };
}

const K1 = 1.2;
const B = 0.75;
/** A title word counts as much as this many abstract words, like the index's field weights. */
const TITLE_WEIGHT = 3;

/**
 * BM25 over the candidates themselves, for when no index is at hand (tests, a dry run without data).
 * Each topic word is a query term; a paper scores the sum over terms.
 */
export function memoryRelevanceScorer(): RelevanceScorer {
  return (topics, papers) => {
    const scores = new Map<string, number>();
    const terms = [...new Set(topics.flatMap((topic) => stemTokens(topic)))];
    if (terms.length === 0 || papers.length === 0) return scores;
    const docs = papers.map((paper) => {
      const tf = new Map<string, number>();
      const add = (tokens: string[], weight: number) => {
        for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + weight);
      };
      const title = stemTokens(paper.title);
      const abstract = stemTokens(paper.abstract);
      add(title, TITLE_WEIGHT);
      add(abstract, 1);
      return { id: paper.id, tf, length: title.length * TITLE_WEIGHT + abstract.length };
    });
    const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length || 1;
    for (const term of terms) {
      const containing = docs.filter((doc) => doc.tf.has(term)).length;
      if (containing === 0) continue;
      const idf = Math.log(1 + (docs.length - containing + 0.5) / (containing + 0.5));
      for (const doc of docs) {
        const f = doc.tf.get(term) ?? 0;
        if (f === 0) continue;
        const score = (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / averageLength));
        scores.set(doc.id, (scores.get(doc.id) ?? 0) + score);
      }
    }
    return scores;
  };
}
