// How much of the exact vector scan's top k the sign-sketch shortlist keeps, and what each scan costs.
import type { VectorMatrix } from "../src/papers/embeddings/vector-matrix.ts";

const round = (v: number, d = 3) => Number(v.toFixed(d));

/** Mean recall@10 and @100 of the sketched scan against the exact one, and each scan's mean ms. */
export function prefilterRecall(matrix: VectorMatrix, vectors: Float32Array[], reps: number) {
  let hits10 = 0;
  let hits100 = 0;
  for (const v of vectors) {
    const exact = matrix.nearest(v, 100, undefined, { exact: true }).map((m) => m.rowid);
    const fast = new Set(matrix.nearest(v, 100).map((m) => m.rowid));
    hits10 += exact.slice(0, 10).filter((r) => fast.has(r)).length / Math.min(10, exact.length || 1);
    hits100 += exact.filter((r) => fast.has(r)).length / (exact.length || 1);
  }
  const time = (exact: boolean) => {
    const started = performance.now();
    for (let r = 0; r < reps; r++) for (const v of vectors) matrix.nearest(v, 100, undefined, { exact });
    return (performance.now() - started) / (reps * vectors.length);
  };
  time(true);
  time(false);
  return {
    queries: vectors.length,
    recallAt10: round(hits10 / Math.max(1, vectors.length)),
    recallAt100: round(hits100 / Math.max(1, vectors.length)),
    exactScanMs: round(time(true), 2),
    sketchedScanMs: round(time(false), 2),
  };
}
