// The alternative the issue names, measured against the shipped Rocchio ranker: a small logistic model per channel.
import { type DigestEntry, rankCandidates } from "../src/digest/compose-digest.ts";
import {
  dot,
  inverseDocumentFrequency,
  LEARNING_WEIGHTS,
  type LearningFeedback,
  type Vector,
  weigh,
} from "../src/digest/learned-ranking.ts";
import { paperTerms } from "../src/feedback/paper-terms.ts";
import type { Paper } from "../src/papers/paper.ts";

const EPOCHS = 20;
const LEARNING_RATE = 0.5;
const L2 = 0.01;
/** How much the model's logit counts against the topic part (the Rocchio ranker's liked weight). */
const LOGIT_WEIGHT = 0.5;

/**
 * Trains logistic regression from scratch on the channel's feedback (liked = 1, disliked = 0) over the same
 * TF-IDF features, then scores `topic part + 0.5 · logit`. Retrained per digest: at most 200 examples.
 */
export function rankWithLogistic(
  papers: readonly Paper[],
  topics: readonly string[],
  feedback: readonly LearningFeedback[],
): DigestEntry[] {
  const base = rankCandidates(papers, topics);
  if (feedback.length === 0 || papers.length === 0) return base;
  const idf = inverseDocumentFrequency(papers.map((paper) => paperTerms(paper)));
  const examples = feedback.map((item) => ({
    x: weigh(item.terms, idf),
    y: item.kind === "positive" ? 1 : 0,
  }));
  const weights: Vector = new Map();
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const { x, y } of examples) {
      const p = 1 / (1 + Math.exp(-(dot(weights, x) + bias)));
      const gradient = p - y;
      for (const [term, value] of x) {
        const w = weights.get(term) ?? 0;
        weights.set(term, w - LEARNING_RATE * (gradient * value + L2 * w));
      }
      bias -= LEARNING_RATE * gradient;
    }
  }
  return base
    .map((entry) => {
      const topicPart = entry.topics.length > 0 ? LEARNING_WEIGHTS.topic * (0.5 + 0.5 * entry.relevance) : 0;
      const logit = dot(weigh(paperTerms(entry.paper), idf), weights);
      return { ...entry, score: topicPart + LOGIT_WEIGHT * logit };
    })
    .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
}
