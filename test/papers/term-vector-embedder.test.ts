// The embedded default: term vectors trained on arXiv CS abstracts, shipped in the repo, computed once per paper.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_QUESTIONS } from "../../bench/semantic-questions.ts";
import type { Embedder } from "../../src/papers/embeddings/embedder.ts";
import { paperText } from "../../src/papers/embeddings/embedder.ts";
import {
  createTermVectorEmbedder,
  SHIPPED_TERM_VECTORS,
  TERM_VECTOR_MODEL_PREFIX,
} from "../../src/papers/embeddings/term-vector-embedder.ts";
import { loadTermVectors } from "../../src/papers/embeddings/term-vector-file.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";

const SEEDS = join(import.meta.dirname, "../../fixtures/sample/seed-papers.json");
const SAMPLE = join(import.meta.dirname, "../../fixtures/sample/playground-papers.jsonl.gz");
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

/** The default embedder, counting the texts it is asked to embed. */
function countingEmbedder(): Embedder & { texts: number } {
  const inner = createTermVectorEmbedder();
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

describe("the embedded term-vector default", () => {
  it("loads the shipped file: CS stems with vectors, named by its training parameters", () => {
    const vectors = loadTermVectors();
    expect(vectors.row.transform).toBeDefined();
    expect(vectors.row.the).toBeUndefined();
    expect(vectors.values).toHaveLength(vectors.scales.length * vectors.dimensions);
    expect(createTermVectorEmbedder().model).toMatch(/^lsa-arxiv-cs-k\d+-(a[\d.]+|nce)-\d{4}-\d\d-\d\d$/);
  });

  it("names the shipped model without loading it, and the name is the file's own (a rebuilt file must update it)", () => {
    // Stored vectors carry this name: a stale constant would mix vectors of two trainings.
    const vectors = loadTermVectors();
    expect(createTermVectorEmbedder().model).toBe(`${TERM_VECTOR_MODEL_PREFIX}-${vectors.made}`);
    expect(SHIPPED_TERM_VECTORS).toBe(vectors.made);
  });

  it("embeds text as a unit vector where related texts are closer than unrelated ones", async () => {
    const [gradient, optimizer, proteins, unknown] = await createTermVectorEmbedder().embed([
      "stochastic gradient descent converges for deep networks",
      "an optimizer that trains neural networks faster",
      "predicting protein folding from amino acid sequences",
      "qwzxv plmkjh",
    ]);
    if (!gradient || !optimizer || !proteins || !unknown) throw new Error("missing vectors");
    expect(dot(gradient, gradient)).toBeCloseTo(1, 3);
    expect(dot(gradient, optimizer)).toBeGreaterThan(dot(gradient, proteins) + 0.2);
    // Words it does not know give no direction at all rather than noise.
    expect(dot(unknown, unknown)).toBe(0);
  });

  it("puts a plain-language question nearer its paper than most other papers, though they share no title word", async () => {
    const papers: Paper[] = [];
    for await (const paper of readPaperFile(SEEDS)) papers.push(paper);
    const embedder = createTermVectorEmbedder();
    const paperVectors = await embedder.embed(papers.map(paperText));
    const ranks: number[] = [];
    for (const item of SEED_QUESTIONS) {
      const [question] = await embedder.embed([item.question]);
      const target = paperVectors[papers.findIndex((p) => p.id === item.id)];
      if (!question || !target) throw new Error(`no vector for ${item.id}`);
      const score = dot(question, target);
      ranks.push(paperVectors.filter((v) => dot(question, v) > score).length + 1);
    }
    // Among the 66 seed papers, the asked-for paper is in the top 5 for 19 of the 20 questions (the LSA table: 17; GloVe: 12;
    // chance: about 1.5).
    expect(ranks.filter((r) => r <= 5).length).toBeGreaterThanOrEqual(15);
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

  it("lets the event loop turn while it backfills an index, so a bot doing it still answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-backfill-"));
    try {
      const words = openPaperIndex({ dir, workers: false });
      await words.ingest(readPaperFile(SAMPLE));
      words.close();
      // The same index opened with vectors on (an upgrade, or another model): every paper lacks its vector.
      const index = openPaperIndex({ dir, workers: false, embedder: createTermVectorEmbedder() });
      let turns = 0;
      const ticker = setInterval(() => turns++, 0);
      const embedded = await index.embedPending();
      clearInterval(ticker);
      expect(embedded).toBe(index.count());
      expect(embedded).toBeGreaterThan(1_000);
      // A timer ran between batches; without the yield the whole backfill is one turn of the loop and it never does.
      expect(turns).toBeGreaterThan(2);
      index.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves searches on BM25 alone (its measured fusion weight is 0)", async () => {
    const index = openPaperIndex({ path: ":memory:", embedder: createTermVectorEmbedder() });
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
