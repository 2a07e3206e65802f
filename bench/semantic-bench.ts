// Semantic search bench: known-item MRR@10 (BM25, vectors, fused), word-overlap checks, search p95 and ingest rate.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Embedder } from "../src/papers/embeddings/embedder.ts";
import { createOpenAiEmbedder } from "../src/papers/embeddings/openai-embedder.ts";
import { createTermVectorEmbedder } from "../src/papers/embeddings/term-vector-embedder.ts";
import { VectorMatrix } from "../src/papers/embeddings/vector-matrix.ts";
import { openPaperIndex, type PaperIndex } from "../src/papers/paper-index.ts";
import { semanticQueryText } from "../src/papers/semantic-search.ts";
import { benchPapers, findCorpus } from "./bench-corpus.ts";
import { BENCH_QUERIES, WARMUP_QUERIES } from "./index-bench-queries.ts";
import { prefilterRecall } from "./prefilter-recall.ts";
import { CORPUS_QUESTIONS, KNOWN_ITEMS, type KnownItem, SEED_QUESTIONS } from "./semantic-questions.ts";

const SIZE = 74_794; // the corpus plus the 66 seeds, as in the index bench
const TARGETS = { fusedMrr: 0.6, p95Ms: 10, papersPerSecond: 5_000 };

const round = (v: number, d = 3) => Number(v.toFixed(d));
const n = (v: number) => v.toLocaleString("en-US");

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** Reciprocal rank of `id` in the top 10 of `ids` (0 when absent). */
function reciprocalRank(ids: string[], id: string): number {
  const at = ids.slice(0, 10).indexOf(id);
  return at < 0 ? 0 : 1 / (at + 1);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function build(dir: string, embedder: Embedder | undefined, corpus: string) {
  const index = openPaperIndex({ dir, ...(embedder ? { embedder } : {}) });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await index.ingest(benchPapers(corpus, SIZE));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  return { index, seconds, cpuSeconds, papersPerSecond: Math.round(index.count() / seconds) };
}

/** MRR@10 of a ranking function over a set of known items. */
async function mrr(items: KnownItem[], rank: (item: KnownItem) => Promise<string[]> | string[]) {
  const ranks: number[] = [];
  for (const item of items) ranks.push(reciprocalRank(await rank(item), item.id));
  return round(mean(ranks));
}

function latency(
  index: PaperIndex,
  queries: string[],
  reps: number,
  vectorOf: (query: string) => Float32Array | undefined,
): { p50: number; p95: number; p99: number } {
  for (const q of WARMUP_QUERIES) index.search(q);
  const samples: number[] = [];
  for (let r = 0; r < reps; r++)
    for (const q of queries) {
      const vector = vectorOf(q);
      const t = performance.now();
      index.search(q, vector ? { vector, vectorWeight: 1 } : {});
      samples.push(performance.now() - t);
    }
  samples.sort((a, b) => a - b);
  return {
    p50: round(percentile(samples, 50), 2),
    p95: round(percentile(samples, 95), 2),
    p99: round(percentile(samples, 99), 2),
  };
}

function wordOverlap(index: PaperIndex) {
  const ids = (q: string) => index.search(q).map((h) => h.paper.id);
  return {
    regularizTitlesInTop10: index.search("regularization").filter((h) => /regulariz/i.test(h.paper.title))
      .length,
    grokkingFirst: ids("grokking softmax collapse")[0] === "2501.04697",
    idExact: ids("2302.06675").join() === "2302.06675",
  };
}

export async function runSemanticBench(options: { quick: boolean }) {
  const corpus = findCorpus();
  if (!corpus)
    throw new Error("No corpus: set PAPERBOY_BENCH_CORPUS or put ../shared/corpus/ beside the repo.");
  const dirs = [
    mkdtempSync(join(tmpdir(), "paperboy-sem-a-")),
    mkdtempSync(join(tmpdir(), "paperboy-sem-b-")),
  ];
  const remote = process.env.OPENAI_EMBEDDING_MODEL
    ? createOpenAiEmbedder({
        model: process.env.OPENAI_EMBEDDING_MODEL,
        apiKey: process.env.OPENAI_API_KEY ?? "not-needed",
        ...(process.env.OPENAI_BASE_URL ? { baseURL: process.env.OPENAI_BASE_URL } : {}),
      })
    : undefined;
  // PAPERBOY_BENCH_TERM_VECTORS: another trained file (scripts/term-vectors/), to compare before shipping it.
  const file = process.env.PAPERBOY_BENCH_TERM_VECTORS;
  const local = createTermVectorEmbedder(file ? { file } : {});
  const loadStart = performance.now();
  await local.ready();
  const loadMs = Math.round(performance.now() - loadStart);
  const embedder: Embedder = remote ?? local;
  try {
    // Baseline first: the same ingest without vectors, in the same run.
    const plain = await build(dirs[0] as string, undefined, corpus);
    const withVectors = await build(dirs[1] as string, embedder, corpus);
    const fused = withVectors.index;
    const bm25 = openPaperIndex({ dir: dirs[1] as string });
    const db = new Database(join(dirs[1] as string, "papers.db"), { readonly: true });
    const matrix = new VectorMatrix(db, embedder.model);
    matrix.refresh();
    const idOf = db.prepare("SELECT id FROM papers WHERE rowid = ?").pluck();
    const vectorsOnly = async (item: KnownItem) => {
      const [vector] = await embedder.embed([semanticQueryText(item.question) ?? item.question]);
      return vector ? matrix.nearest(vector, 10).map((m) => idOf.get(m.rowid) as string) : [];
    };
    const ids = (index: PaperIndex) => async (item: KnownItem) =>
      (await index.searchAsync(item.question)).map((h) => h.paper.id);
    const titleIds = (index: PaperIndex) => async (item: KnownItem) =>
      (await index.searchAsync(item.title)).map((h) => h.paper.id);
    // Fusion at a given weight, whatever the embedder ships with: the measurement behind its searchWeight.
    const queryVector = async (text: string) =>
      (await embedder.embed([semanticQueryText(text) ?? text]))[0] ?? new Float32Array(0);
    const weighted = (weight: number, field: "question" | "title") => async (item: KnownItem) =>
      (
        await fused.searchAsync(item[field], { vector: await queryVector(item[field]), vectorWeight: weight })
      ).map((h) => h.paper.id);
    const sets = { seeds: SEED_QUESTIONS, corpus: CORPUS_QUESTIONS, all: KNOWN_ITEMS };
    const mrrTable: Record<string, Record<string, number>> = {};
    for (const [name, items] of Object.entries(sets)) {
      mrrTable[name] = {
        bm25: await mrr(items, ids(bm25)),
        vectors: await mrr(items, vectorsOnly),
        fused1: await mrr(items, weighted(1, "question")),
        fused05: await mrr(items, weighted(0.5, "question")),
        fused03: await mrr(items, weighted(0.3, "question")),
        fused015: await mrr(items, weighted(0.15, "question")),
        shipped: await mrr(items, ids(fused)),
        titleBm25: await mrr(items, titleIds(bm25)),
        titleFused1: await mrr(items, weighted(1, "title")),
        titleShipped: await mrr(items, titleIds(fused)),
      };
    }
    const reps = options.quick ? 3 : 10;
    const queries = [...BENCH_QUERIES.map((q) => q.query), ...KNOWN_ITEMS.map((k) => k.question)];
    // Query vectors are computed before timing (a server's would be a network call): the timed part is the
    // search with its vector, i.e. BM25 plus the brute-force scan of every paper's vector, plus the fusion.
    const vectors = new Map<string, Float32Array>();
    for (const q of queries) if (semanticQueryText(q) !== undefined) vectors.set(q, await queryVector(q));
    const json = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg().map((l) => round(l, 2)) },
      embedder: embedder.model,
      termVectorsLoadMs: loadMs,
      mrr: mrrTable,
      wordOverlap: { bm25: wordOverlap(bm25), fused: wordOverlap(fused) },
      searchWeight: embedder.searchWeight,
      latencyMs: {
        bm25: latency(bm25, queries, reps, () => undefined),
        fused: latency(fused, queries, reps, (q) => vectors.get(q)),
      },
      ingest: {
        papers: fused.count(),
        withoutVectors: {
          seconds: round(plain.seconds, 2),
          cpuSeconds: round(plain.cpuSeconds, 2),
          papersPerSecond: plain.papersPerSecond,
        },
        withVectors: {
          seconds: round(withVectors.seconds, 2),
          cpuSeconds: round(withVectors.cpuSeconds, 2),
          papersPerSecond: withVectors.papersPerSecond,
        },
      },
      vectorRows: matrix.size,
      prefilter: prefilterRecall(matrix, [...vectors.values()], reps),
    };
    plain.index.close();
    bm25.close();
    fused.close();
    db.close();
    return { markdown: markdown(json), json };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const ok = (pass: boolean) => (pass ? "✅" : "❌");

function markdown(j: {
  embedder: string;
  termVectorsLoadMs: number;
  searchWeight: number;
  machine: { cpus: number; model: string | undefined; loadavg: number[] };
  mrr: Record<string, Record<string, number>>;
  wordOverlap: Record<string, { regularizTitlesInTop10: number; grokkingFirst: boolean; idExact: boolean }>;
  latencyMs: Record<string, { p50: number; p95: number; p99: number }>;
  ingest: {
    papers: number;
    withoutVectors: { papersPerSecond: number; seconds: number };
    withVectors: { papersPerSecond: number; seconds: number };
  };
  prefilter: ReturnType<typeof prefilterRecall>;
}): string {
  const f = j.prefilter;
  const m = j.mrr;
  const lines = [
    "## Semantic search",
    "",
    `Embedder \`${j.embedder}\` (loaded in ${j.termVectorsLoadMs} ms); ${n(j.ingest.papers)} papers; ${j.machine.cpus} × ${j.machine.model}, load ${j.machine.loadavg.join(" / ")}.`,
    "",
    `| known items (MRR@10) | BM25 alone | vectors alone | fused, RRF weight 1 | 0.5 | 0.3 | 0.15 | as shipped (weight ${j.searchWeight}) | title words: BM25 | title words: fused (1) | title words: as shipped |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...Object.entries(m).map(
      ([name, r]) =>
        `| ${name} (${name === "all" ? 40 : 20}) | ${r.bm25} | ${r.vectors} | ${r.fused1} | ${r.fused05} | ${r.fused03} | ${r.fused015} | ${r.shipped} | ${r.titleBm25} | ${r.titleFused1} | ${r.titleShipped} |`,
    ),
    "",
    "| word-overlap checks | regulariz titles in top 10 | grokking first | id exact |",
    "| --- | --- | --- | --- |",
    ...Object.entries(j.wordOverlap).map(
      ([name, q]) => `| ${name} | ${q.regularizTitlesInTop10} | ${q.grokkingFirst} | ${q.idExact} |`,
    ),
    "",
    "Latency: every bench query of the index bench plus the 40 questions, inline; with vectors = BM25, the scan of every vector and the fusion (the query's vector computed beforehand).",
    "",
    "| | search p50 ms | p95 ms | p99 ms | ingest papers/s | ingest time |",
    "| --- | --- | --- | --- | --- | --- |",
    `| BM25 alone | ${j.latencyMs.bm25?.p50} | ${j.latencyMs.bm25?.p95} | ${j.latencyMs.bm25?.p99} | ${n(j.ingest.withoutVectors.papersPerSecond)} | ${j.ingest.withoutVectors.seconds} s |`,
    `| with vectors | ${j.latencyMs.fused?.p50} | ${j.latencyMs.fused?.p95} | ${j.latencyMs.fused?.p99} | ${n(j.ingest.withVectors.papersPerSecond)} | ${j.ingest.withVectors.seconds} s |`,
    "",
    `Vector scan alone (top 100, ${f.queries} query vectors): every row ${f.exactScanMs} ms, sign-sketch shortlist then Int8 ${f.sketchedScanMs} ms; the shortlist keeps ${f.recallAt10} of the exact top 10 and ${f.recallAt100} of the top 100.`,
    "",
    `Targets: fused MRR@10 ≥ ${TARGETS.fusedMrr} ${ok(Math.max(m.all?.fused1 ?? 0, m.all?.shipped ?? 0) >= TARGETS.fusedMrr)}; p95 ≤ ${TARGETS.p95Ms} ms with vectors ${ok((j.latencyMs.fused?.p95 ?? 99) <= TARGETS.p95Ms)}; ingest ≥ ${n(TARGETS.papersPerSecond)} papers/s with vectors ${ok(j.ingest.withVectors.papersPerSecond >= TARGETS.papersPerSecond)}.`,
  ];
  return lines.join("\n");
}
