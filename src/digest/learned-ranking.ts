// The per-channel learning ranker: topics plus a small logistic model of the liked and disliked papers, plus freshness.
import type { FeedbackItem } from "../feedback/feedback-store.ts";
import { paperTerms } from "../feedback/paper-terms.ts";
import type { Paper } from "../papers/paper.ts";
import { preference, trainChannelModel } from "./channel-model.ts";
import { type DigestEntry, FRESHNESS_WEIGHT, rankCandidates, VOTES_WEIGHT } from "./compose-digest.ts";
import { inverseDocumentFrequency, mostSimilar, weigh } from "./feedback-features.ts";

/** What the learning ranker needs of a channel's feedback (the store's items fit; so do the eval's). */
export type LearningFeedback = Pick<FeedbackItem, "id" | "title" | "kind" | "explicit" | "at" | "terms">;

/** Weights of the score, set once before measuring (see README "Learning from the group"). */
export const LEARNING_WEIGHTS = {
  /** A topic match, scaled by its relevance among the day's matches. */
  topic: 0.35,
  /** The channel model's preference (its logit without the bias). */
  model: 0.5,
  /** An implicit positive (save, discuss, share, reply) counts this much of an explicit one. */
  implicit: 0.5,
  /** Feedback loses half its weight every this many days. */
  halfLifeDays: 60,
};

/** Cosine to one liked paper from which a card says "like “…” you liked" rather than its topic. */
const LIKED_REASON_MIN_SIMILARITY = 0.15;

/**
 * Ranks the day's candidates for a channel. Without feedback this is exactly `rankCandidates` (topics,
 * upvotes, freshness). With feedback, a logistic model is trained on the channel's liked (1) and disliked
 * (0) papers, each weighted by explicit/implicit and age, over TF-IDF vectors of stems and categories (IDF
 * from the day's candidates), and every candidate scores
 *
 *   0.35 · topic relevance + 0.5 · model preference + 0.1 · (upvote and freshness nudges)
 *
 * A card close to one liked paper (cosine ≥ 0.15) says which (`why`, reason "liked"). No LLM involved.
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
  const vectors = feedback.map((item) => weigh(item.terms, idf));
  const model = trainChannelModel(
    feedback.map((item, i) => ({
      x: vectors[i] ?? new Map(),
      y: item.kind === "positive" ? 1 : 0,
      weight: feedbackWeight(item, now),
    })),
  );
  const liked = feedback.filter((item) => item.kind === "positive");
  const likedVectors = vectors.filter((_, i) => feedback[i]?.kind === "positive");
  const nudges = nudgesById(papers);
  const entries = base.map((entry): DigestEntry => {
    const vector = weigh(paperTerms(entry.paper), idf);
    const topicPart = entry.topics.length > 0 ? LEARNING_WEIGHTS.topic * (0.5 + 0.5 * entry.relevance) : 0;
    const modelPart = LEARNING_WEIGHTS.model * preference(model, vector);
    const score = topicPart + modelPart + 0.1 * (nudges.get(entry.paper.id) ?? 0);
    // A card names a liked paper when it is close to one, or when it matches no topic but the model wants it
    // more than the weakest topic match. Otherwise a paper matching no topic stays "popular" (a `fill: none`
    // channel does not get it) and mostly ranks below the matches, under the *Popular today* heading.
    const closest = mostSimilar(vector, likedVectors);
    const wanted = entry.topics.length === 0 && modelPart >= LEARNING_WEIGHTS.topic * 0.5;
    if (liked.length === 0 || (closest.similarity < LIKED_REASON_MIN_SIMILARITY && !wanted))
      return { ...entry, score };
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

/** How much one feedback counts: explicit 1, implicit 0.5, halved every `halfLifeDays`. */
export function feedbackWeight(item: Pick<LearningFeedback, "explicit" | "at">, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(item.at)) / 86_400_000) || 0;
  const decay = 0.5 ** (ageDays / LEARNING_WEIGHTS.halfLifeDays);
  return (item.explicit ? 1 : LEARNING_WEIGHTS.implicit) * decay;
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

function shorten(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  return clean.length <= 60 ? clean : `${clean.slice(0, 57).trimEnd()}…`;
}
