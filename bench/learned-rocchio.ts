// The alternative measured against the shipped logistic ranker: a Rocchio centroid of liked and disliked papers.
import { type DigestEntry, rankCandidates } from "../src/digest/compose-digest.ts";
import { dot, inverseDocumentFrequency, type Vector, weigh } from "../src/digest/feedback-features.ts";
import { feedbackWeight, LEARNING_WEIGHTS, type LearningFeedback } from "../src/digest/learned-ranking.ts";
import { paperTerms } from "../src/feedback/paper-terms.ts";
import type { Paper } from "../src/papers/paper.ts";

const LIKED = 2;
const DISLIKED = 1;

/** `topic part + 2 · cos(paper, liked centroid) − 1 · cos(paper, disliked centroid)` over the same features. */
export function rankWithRocchio(
  papers: readonly Paper[],
  topics: readonly string[],
  feedback: readonly LearningFeedback[],
  now: Date,
): DigestEntry[] {
  const base = rankCandidates(papers, topics);
  if (feedback.length === 0 || papers.length === 0) return base;
  const idf = inverseDocumentFrequency(papers.map((paper) => paperTerms(paper)));
  const centroidOf = (kind: LearningFeedback["kind"]) => {
    const sum: Vector = new Map();
    let total = 0;
    for (const item of feedback.filter((f) => f.kind === kind)) {
      const weight = feedbackWeight(item, now);
      total += weight;
      for (const [term, value] of weigh(item.terms, idf))
        sum.set(term, (sum.get(term) ?? 0) + weight * value);
    }
    if (total > 0) for (const [term, value] of sum) sum.set(term, value / total);
    return sum;
  };
  const liked = centroidOf("positive");
  const disliked = centroidOf("negative");
  return base
    .map((entry) => {
      const x = weigh(paperTerms(entry.paper), idf);
      const topicPart = entry.topics.length > 0 ? LEARNING_WEIGHTS.topic * (0.5 + 0.5 * entry.relevance) : 0;
      return { ...entry, score: topicPart + LIKED * dot(x, liked) - DISLIKED * dot(x, disliked) };
    })
    .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
}
