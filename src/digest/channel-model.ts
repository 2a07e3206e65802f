// A channel's model: logistic regression over feature vectors, trained from scratch on its (≤ 200) feedbacks.
import { dot, type Vector } from "./feedback-features.ts";

/** One feedback as a training example: its vector, liked (1) or not (0), and how much it counts. */
export interface Example {
  x: Vector;
  y: 0 | 1;
  weight: number;
}

export interface ChannelModel {
  weights: Vector;
  bias: number;
}

const EPOCHS = 20;
const LEARNING_RATE = 0.5;
const L2 = 0.01;

/**
 * Stochastic gradient descent on the log loss, examples in the given order, a fixed number of epochs: the
 * same feedback always gives the same model. Cheap enough to retrain per digest (200 × 40 terms × 20).
 */
export function trainChannelModel(examples: readonly Example[]): ChannelModel {
  const weights: Vector = new Map();
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const { x, y, weight } of examples) {
      const p = 1 / (1 + Math.exp(-(dot(weights, x) + bias)));
      const gradient = weight * (p - y);
      for (const [term, value] of x) {
        const w = weights.get(term) ?? 0;
        weights.set(term, w - LEARNING_RATE * (gradient * value + L2 * w));
      }
      bias -= LEARNING_RATE * gradient;
    }
  }
  return { weights, bias };
}

/** The model's logit for a paper without the bias: how much more (or less) the channel wants it than average. */
export function preference(model: ChannelModel, x: Vector): number {
  return dot(model.weights, x);
}
