// The embedded default: GloVe word vectors shipped by an npm package, averaged per text, computed once per paper.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/papers/embeddings/embedder.ts";
import { createWordVectorEmbedder } from "../../src/papers/embeddings/word-vector-embedder.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";

const SEEDS = join(import.meta.dirname, "../../fixtures/sample/seed-papers.json");
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

/** The default embedder, counting the texts it is asked to embed. */
function countingEmbedder(): Embedder & { texts: number } {
  const inner = createWordVectorEmbedder();
  const counting = {
    model: inner.model,
    searchWeight: inner.searchWeight,
    texts: 0,
    async embed(texts: string[]) {
      counting.texts += texts.length;
      return inner.embed(texts);
    },
  };
  return counting;
}

// The first run in a fresh checkout converts the package's 307 MB JSON into a compact cache (~15 s).
describe("the embedded word-vector default", { timeout: 120_000 }, () => {
  it("embeds text as a unit vector where related texts are closer than unrelated ones", async () => {
    const embedder = createWordVectorEmbedder();
    const [gradient, optimizer, football, empty] = await embedder.embed([
      "stochastic gradient descent converges for deep networks",
      "an optimizer that trains neural networks faster",
      "the football match ended in a draw after extra time",
      "qwzxv plmkjh",
    ]);
    if (!gradient || !optimizer || !football || !empty) throw new Error("missing vectors");
    expect(gradient).toHaveLength(100);
    expect(dot(gradient, gradient)).toBeCloseTo(1, 3);
    expect(dot(gradient, optimizer)).toBeGreaterThan(dot(gradient, football) + 0.2);
    // Words it does not know give no direction at all rather than noise.
    expect(dot(empty, empty)).toBe(0);
  });

  it("computes a vector for each paper at ingest, not again when the same papers are ingested again", async () => {
    const embedder = countingEmbedder();
    const index = openPaperIndex({ path: ":memory:", embedder });
    await index.ingest(readPaperFile(SEEDS));
    expect(embedder.texts).toBe(66);
    await index.ingest(readPaperFile(SEEDS));
    expect(embedder.texts).toBe(66);
    expect(await index.embedPending()).toBe(0);

    const similar = await index.similar("2501.04697", { limit: 5 });
    expect(similar).toHaveLength(5);
    expect(similar.map((h) => h.paper.id)).not.toContain("2501.04697");
    index.close();
  });

  it("leaves searches on BM25 alone (its measured fusion weight is 0)", async () => {
    const index = openPaperIndex({ path: ":memory:", embedder: createWordVectorEmbedder() });
    const words = openPaperIndex({ path: ":memory:" });
    await index.ingest(readPaperFile(SEEDS));
    await words.ingest(readPaperFile(SEEDS));
    const ids = (hits: { paper: { id: string } }[]) => hits.map((h) => h.paper.id);
    for (const query of [
      "regularization",
      "grokking softmax collapse",
      "why do networks memorize noisy labels",
    ])
      expect(ids(await index.searchAsync(query))).toEqual(ids(await words.searchAsync(query)));
    index.close();
    words.close();
  });
});
