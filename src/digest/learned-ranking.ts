// The per-channel learning ranker: topics plus a Rocchio centroid of the liked and disliked papers, plus freshness.
import type { FeedbackItem } from "../feedback/feedback-store.ts";
import { paperTerms, type TermCounts } from "../feedback/paper-terms.ts";
import type { Paper } from "../papers/paper.ts";
import { type DigestEntry, FRESHNESS_WEIGHT, rankCandidates, VOTES_WEIGHT } from "./compose-digest.ts";

/** What the learning ranker needs of a channel's feedback (the store's items fit; so do the eval's). */
export type LearningFeedback = Pick<FeedbackItem, "id" | "title" | "kind" | "explicit" | "at" | "terms">;

/** Weights of the score; chosen on the shipped eval profiles only (see README "Learning from the group"). */
export const LEARNING_WEIGHTS = {
  /** A topic match, scaled by its relevance among the day's matches. */
  topic: 0.35,
  /** Cosine to the liked papers' centroid. */
  liked: 2,
  /** Cosine to the disliked papers' centroid (subtracted). */
  disliked: 1,
  /** An implicit positive (save, discuss, share, reply) counts this much of an explicit one. */
  implicit: 0.5,
  /** Feedback loses half its weight every this many days. */
  halfLifeDays: 60,
};

/** Cosine to one liked paper from which a card says "like “…” you liked" rather than its topic. */
const LIKED_REASON_MIN_SIMILARITY = 0.15;

export type Vector = Map<string, number>;

/**
 * Ranks the day's candidates for a channel. Without feedback this is exactly `rankCandidates` (topics,
 * upvotes, freshness). With feedback every candidate scores
 *
 *   0.35 · topic relevance + 2 · cos(paper, liked centroid) − 1 · cos(paper, disliked centroid) + nudges
 *
 * over TF-IDF vectors of stems and categories (IDF from the day's candidates), each feedback weighted by
 * explicit/implicit and age. A card close to one liked paper (cosine ≥ 0.15) says which (`why`, reason "liked").
 */
export function rankWithFeedback(
  papers: readonly Paper[],
  topics: readonly string[],
  feedback: readonly LearningFeedback[],
  now: Date = new Date(),
): DigestEntry[] {
  const base = rankCandidates(papers, topics);
  if (feedback.length === 0 || papers.length === 0) return base;
  const idf = inverseDocumentFrequency(papers.map((paper) => paperTerms(paper)));
  const liked = feedback.filter((item) => item.kind === "positive");
  const disliked = feedback.filter((item) => item.kind === "negative");
  const likedVectors = liked.map((item) => weigh(item.terms, idf));
  const likedCentroid = centroid(
    likedVectors,
    liked.map((item) => feedbackWeight(item, now)),
  );
  const dislikedCentroid = centroid(
    disliked.map((item) => weigh(item.terms, idf)),
    disliked.map((item) => feedbackWeight(item, now)),
  );
  const nudges = nudgesById(papers);
  const entries = base.map((entry): DigestEntry => {
    const vector = weigh(paperTerms(entry.paper), idf);
    const topicPart = entry.topics.length > 0 ? LEARNING_WEIGHTS.topic * (0.5 + 0.5 * entry.relevance) : 0;
    const likedPart = LEARNING_WEIGHTS.liked * dot(vector, likedCentroid);
    const dislikedPart = LEARNING_WEIGHTS.disliked * dot(vector, dislikedCentroid);
    const score = topicPart + likedPart - dislikedPart + 0.1 * (nudges.get(entry.paper.id) ?? 0);
    const closest = mostSimilar(vector, likedVectors);
    // A card names a liked paper only when it is close to one; a paper matching no topic and close to no
    // liked one stays "popular" (a `fill: none` channel does not get it).
    const nameIt = closest.similarity >= LIKED_REASON_MIN_SIMILARITY;
    if (!nameIt || liked.length === 0) return { ...entry, score };
    const title = liked[closest.index]?.title ?? "";
    return { ...entry, score, reason: "liked", why: `like “${shorten(title)}” you liked` };
  });
  return entries.sort(
    (a, b) =>
      b.score - a.score ||
      (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
      a.paper.id.localeCompare(b.paper.id),
  );
}

/** Upvotes and freshness as rankCandidates weighs them, per id: they only break near-ties here. */
function nudgesById(papers: readonly Paper[]): Map<string, number> {
  const maxVotes = Math.max(0, ...papers.map((paper) => paper.upvotes ?? 0));
  const published = (paper: Paper) => (paper.publishedAt ? Date.parse(paper.publishedAt) || 0 : 0);
  const newest = Math.max(0, ...papers.map(published));
  const out = new Map<string, number>();
  for (const paper of papers) {
    const votes = maxVotes > 0 ? Math.log1p(paper.upvotes ?? 0) / Math.log1p(maxVotes) : 0;
    const age = published(paper) > 0 ? (newest - published(paper)) / 86_400_000 : 7;
    out.set(paper.id, VOTES_WEIGHT * votes + FRESHNESS_WEIGHT * Math.max(0, 1 - age / 7));
  }
  return out;
}

/** IDF of each term over the day's candidates (exported for the bench's logistic variant). */
export function inverseDocumentFrequency(docs: readonly TermCounts[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of Object.keys(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log((docs.length + 1) / (count + 1)) + 1);
  idf.set("", Math.log(docs.length + 1) + 1);
  return idf;
}

/** Log-tf × IDF, L2-normalised; a term no candidate has gets the rarest IDF. */
export function weigh(counts: TermCounts, idf: Map<string, number>): Vector {
  const vector: Vector = new Map();
  let norm = 0;
  const unseen = idf.get("") ?? 1;
  for (const [term, count] of Object.entries(counts)) {
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? unseen);
    vector.set(term, weight);
    norm += weight * weight;
  }
  const length = Math.sqrt(norm) || 1;
  for (const [term, weight] of vector) vector.set(term, weight / length);
  return vector;
}

function centroid(vectors: readonly Vector[], weights: readonly number[]): Vector {
  const sum: Vector = new Map();
  let total = 0;
  vectors.forEach((vector, i) => {
    const weight = weights[i] ?? 0;
    total += weight;
    for (const [term, value] of vector) sum.set(term, (sum.get(term) ?? 0) + weight * value);
  });
  if (total > 0) for (const [term, value] of sum) sum.set(term, value / total);
  return sum;
}

export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, value] of small) sum += value * (large.get(term) ?? 0);
  return sum;
}

function mostSimilar(vector: Vector, candidates: readonly Vector[]): { index: number; similarity: number } {
  let index = 0;
  let similarity = Number.NEGATIVE_INFINITY;
  candidates.forEach((candidate, i) => {
    const score = dot(vector, candidate);
    if (score > similarity) [index, similarity] = [i, score];
  });
  return { index, similarity };
}

function feedbackWeight(item: LearningFeedback, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(item.at)) / 86_400_000) || 0;
  const decay = 0.5 ** (ageDays / LEARNING_WEIGHTS.halfLifeDays);
  return (item.explicit ? 1 : LEARNING_WEIGHTS.implicit) * decay;
}

function shorten(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  return clean.length <= 60 ? clean : `${clean.slice(0, 57).trimEnd()}…`;
}
