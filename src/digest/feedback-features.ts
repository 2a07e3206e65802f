// Feature vectors for the learning ranker: log-tf × IDF over a day's candidates, L2-normalised, and their products.
import type { TermCounts } from "../feedback/paper-terms.ts";

/** A sparse vector: term → weight. */
export type Vector = Map<string, number>;

/** IDF of each term over the day's candidates; `""` holds the IDF of a term none of them has. */
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

export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, value] of small) sum += value * (large.get(term) ?? 0);
  return sum;
}

/** The candidate closest to `vector` (cosine, as both are normalised) and how close. */
export function mostSimilar(
  vector: Vector,
  candidates: readonly Vector[],
): { index: number; similarity: number } {
  let index = 0;
  let similarity = Number.NEGATIVE_INFINITY;
  candidates.forEach((candidate, i) => {
    const score = dot(vector, candidate);
    if (score > similarity) [index, similarity] = [i, score];
  });
  return { index, similarity };
}
