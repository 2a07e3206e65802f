// A faithful copy of the digest ranking before issue #9 (commit 742e3a4), kept only so the bench can compare.
// Old ranking: topics as ONE index query (a quoted phrase made it all-topics-or-nothing), light suffix stems for excludes.
import { countPhrase, stemTokens as porterStems, stemText } from "../src/digest/text-terms.ts";
import type { Paper } from "../src/papers/paper.ts";

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
function stemWord(word: string): string {
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
function stemTokens(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemWord);
}

/** True when `phrase`'s stems occur as a consecutive run among `tokens` (a single word is a run of one). */
function containsPhrase(tokens: string[], phrase: string): boolean {
  const wanted = stemTokens(phrase);
  if (wanted.length === 0) return false;
  outer: for (let i = 0; i + wanted.length <= tokens.length; i++) {
    for (let j = 0; j < wanted.length; j++) if (tokens[i + j] !== wanted[j]) continue outer;
    return true;
  }
  return false;
}

/** The first of `words` found in the paper's title or abstract (case-insensitive, stems match), if any. */
export function legacyFindExcludedWord(
  paper: { title: string; abstract: string },
  words: readonly string[],
): string | undefined {
  if (words.length === 0) return undefined;
  const tokens = stemTokens(`${paper.title}\n${paper.abstract}`);
  return words.find((word) => containsPhrase(tokens, word));
}

/** The query a channel's topics become: multi-word topics quoted as phrases, the rest as plain words. */
function topicsQuery(topics: readonly string[]): string {
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
  ): readonly { paper: Pick<Paper, "id" | "title" | "abstract" | "authors">; score: number }[];
}

/**
 * BM25 from the papers index (field weights and stemming as search uses them), restricted to the
 * candidates' ids. The candidates must already be in the index (the candidate fetcher upserts them).
 * The index returns at most 100 hits a search: beyond the 100 best matches a candidate counts as unmatched,
 * which never matters for a digest of at most 20.
 */
export function legacyIndexScorer(index: ScoringIndex): RelevanceScorer {
  return (topics, papers) => {
    const scores = new Map<string, number>();
    const query = topicsQuery(topics);
    if (!query || papers.length === 0) return scores;
    const ids = papers.map((paper) => paper.id);
    for (const hit of index.search(query, { limit: ids.length, ids })) {
      // The index's scores are "higher is better"; anything not above zero is no match.
      if (hit.score > 0 && oldSearchMatched(query, hit.paper)) scores.set(hit.paper.id, hit.score);
    }
    return scores;
  };
}

/**
 * Search before issue #9 required every quoted phrase (and one of the bare words, if any): FTS5's
 * `(w1 OR w2) AND "p1 p2"`, Porter-stemmed over title, authors and abstract. Search no longer narrows on
 * phrases, so the bench re-applies the old rule to keep "before" what the old code did.
 */
function oldSearchMatched(query: string, paper: Pick<Paper, "title" | "abstract" | "authors">): boolean {
  const text = stemText(`${paper.title}\n${paper.authors.join(", ")}\n${paper.abstract}`);
  const phrases = [...query.matchAll(/"([^"]*)"/g)].map((m) => porterStems(m[1] ?? ""));
  const words = porterStems(query.replace(/"[^"]*"/g, " "));
  return (
    phrases.every((phrase) => countPhrase(text, phrase) > 0) &&
    (words.length === 0 || words.some((word) => text.stems.includes(word)))
  );
}

export type RelevanceScorer = (topics: readonly string[], papers: readonly Paper[]) => Map<string, number>;

const RELEVANCE_WEIGHT = 0.7;
export function legacyRankCandidates(
  papers: readonly Paper[],
  topics: readonly string[],
  scorer: RelevanceScorer,
): { paper: Paper; score: number; relevance: number }[] {
  const bm25 = topics.length > 0 ? scorer(topics, papers) : new Map<string, number>();
  const maxBm25 = Math.max(0, ...bm25.values());
  const maxVotes = Math.max(0, ...papers.map((paper) => paper.upvotes ?? 0));
  const entries = papers.map((paper) => {
    const relevance = maxBm25 > 0 ? (bm25.get(paper.id) ?? 0) / maxBm25 : 0;
    const votes = maxVotes > 0 ? Math.log1p(paper.upvotes ?? 0) / Math.log1p(maxVotes) : 0;
    const score = topics.length > 0 ? RELEVANCE_WEIGHT * relevance + (1 - RELEVANCE_WEIGHT) * votes : votes;
    return { paper, score, relevance };
  });
  return entries.sort(
    (a, b) =>
      Number(b.relevance > 0) - Number(a.relevance > 0) ||
      b.score - a.score ||
      (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
      a.paper.id.localeCompare(b.paper.id),
  );
}
