// The vector scan: the sign-sketch shortlist finds the same nearest papers as scanning every vector.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { normalize } from "../../src/papers/embeddings/embedder.ts";
import { quantize, toBlob } from "../../src/papers/embeddings/vector-codec.ts";
import { PREFILTER_ROWS, VectorMatrix } from "../../src/papers/embeddings/vector-matrix.ts";
import { VECTORS_SQL } from "../../src/papers/embeddings/vector-store.ts";

const DIMENSIONS = 128;
// Enough rows that the sketch is used (it is skipped below 4 shortlists of rows).
const ROWS = 5 * PREFILTER_ROWS;

/** A seeded generator, so every run scans the same vectors. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Vectors around 60 topics (a topic's direction plus noise), like abstracts and questions around their fields. */
function topicalVectors(next: () => number) {
  const topics = Array.from({ length: 60 }, () =>
    Float32Array.from({ length: DIMENSIONS }, () => next() - 0.5),
  );
  return (count: number) =>
    Array.from({ length: count }, () => {
      const topic = topics[Math.floor(next() * topics.length)] as Float32Array;
      return normalize(Float32Array.from(topic, (x) => x + (next() - 0.5) * 0.8));
    });
}

function matrixOf(vectors: Float32Array[]) {
  const db = new Database(":memory:");
  db.exec(VECTORS_SQL);
  const put = db.prepare(
    "INSERT INTO paper_vectors(rowid, model, hash, seq, scale, vec) VALUES (?, 'm', '', ?, ?, ?)",
  );
  db.transaction(() =>
    vectors.forEach((v, i) => {
      const q = quantize(v);
      put.run(i + 1, i + 1, q.scale, toBlob(q));
    }),
  )();
  const matrix = new VectorMatrix(db, "m");
  matrix.refresh();
  return matrix;
}

/** The k best exact float cosines over every stored (dequantized) vector, best first. */
function bruteForce(matrix: VectorMatrix, query: Float32Array, k: number): number[] {
  const scores: number[] = [];
  for (let rowid = 1; rowid <= ROWS; rowid++) scores.push(cosine(matrix, rowid, query));
  return scores.sort((a, b) => b - a).slice(0, k);
}

function cosine(matrix: VectorMatrix, rowid: number, query: Float32Array): number {
  const v = matrix.vectorOf(rowid) as Float32Array;
  let dot = 0;
  for (let i = 0; i < DIMENSIONS; i++) dot += (v[i] as number) * (query[i] as number);
  return dot;
}

describe("VectorMatrix.nearest", () => {
  const vectors = topicalVectors(random(7));
  const matrix = matrixOf(vectors(ROWS));
  const queries = vectors(20);

  it("finds papers as near as a float brute-force scan of every vector", () => {
    for (const query of queries) {
      const found = matrix.nearest(query, 10).map((m) => cosine(matrix, m.rowid, query));
      // Int8 rounding may swap two near-equal neighbours; the i-th best stays as near as the true i-th.
      const best = bruteForce(matrix, query, 10);
      found.forEach((similarity, i) => {
        expect(similarity).toBeCloseTo(best[i] as number, 2);
      });
    }
  });

  it("ranks the first 10 exactly as the scan of every row", () => {
    for (const query of queries)
      expect(matrix.nearest(query, 10)).toEqual(matrix.nearest(query, 10, undefined, { exact: true }));
  });
  it("returns only allowed papers, nearest first", () => {
    const allowed = new Set(Array.from({ length: ROWS / 2 }, (_, i) => 2 * i + 1));
    const query = queries[0] as Float32Array;
    const found = matrix.nearest(query, 10, allowed).map((m) => m.rowid);
    expect(found.every((r) => allowed.has(r))).toBe(true);
    expect(found).toEqual(matrix.nearest(query, 10, allowed, { exact: true }).map((m) => m.rowid));
  });
});
