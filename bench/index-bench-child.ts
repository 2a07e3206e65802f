// One measurement of the index bench, in its own process so its peak RSS is its own: build, size, query.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPaperIndex } from "../src/papers/paper-index.ts";
import { baseId, benchPapers } from "./bench-corpus.ts";
import { BENCH_QUERIES, WARMUP_QUERIES } from "./index-bench-queries.ts";

/** What the parent asks for. */
export interface ChildTask {
  engine: "sqlite" | "minisearch";
  corpus: string;
  size: number;
  reps: number;
  capSeconds: number;
  capRssBytes: number;
}

/** What the child reports. */
export interface ChildResult {
  engine: string;
  requested: number;
  papers: number;
  capped?: string;
  ingestSeconds: number;
  cpuSeconds: number;
  papersPerSecond: number;
  peakRssMb: number;
  startRssMb: number;
  indexBytes?: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; samples: number; firstRunP95: number };
  queries: { kind: string; query: string; medianMs: number; maxMs: number; hits: number; top?: string }[];
  quality: { regularizTitlesInTop10: number; grokkingFirst: boolean; idExact: boolean };
}

/** Peak resident set size of this process so far (Linux high-water mark), in bytes. */
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss;
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

interface Built {
  ingested: number;
  capped?: string;
  seconds: number;
  cpuSeconds: number;
  peak: number;
  indexBytes?: number;
  search: (q: string) => { ids: string[]; titles: string[] };
  finish: () => void;
}

async function buildSqlite(task: ChildTask, dir: string): Promise<Built> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = openPaperIndex({ dir });
  const stats = await index.ingest(benchPapers(task.corpus, task.size));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const peak = peakRss();
  // Closing checkpoints the WAL into the database files, so their sizes are the index's size.
  index.close();
  const indexBytes = dirBytes(dir);
  const reopened = openPaperIndex({ dir });
  return {
    ingested: stats.added + stats.updated + stats.unchanged,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peak,
    indexBytes,
    search: (q) => {
      const hits = reopened.search(q, { limit: 10 });
      return { ids: hits.map((h) => h.paper.id), titles: hits.map((h) => h.paper.title) };
    },
    finish: () => reopened.close(),
  };
}

async function buildMiniSearch(task: ChildTask): Promise<Built> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Loaded only here, so the SQLite child's memory does not include MiniSearch.
  const { MiniSearchEngine } = await import("./minisearch-engine.ts");
  const engine = new MiniSearchEngine();
  const cap = { seconds: task.capSeconds, rssBytes: task.capRssBytes };
  const result = await engine.ingest(benchPapers(task.corpus, task.size), cap);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const peak = peakRss();
  const indexBytes = engine.sizeBytes();
  return {
    ingested: result.papers,
    ...(result.capped ? { capped: result.capped } : {}),
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peak,
    ...(indexBytes !== undefined ? { indexBytes } : {}),
    search: (q) => engine.search(q),
    finish: () => {},
  };
}

async function run(task: ChildTask): Promise<ChildResult> {
  const startRss = process.memoryUsage().rss;
  const dir = mkdtempSync(join(tmpdir(), "paperboy-bench-index-"));
  const built = task.engine === "sqlite" ? await buildSqlite(task, dir) : await buildMiniSearch(task);
  const { search } = built;
  for (const query of WARMUP_QUERIES) search(query);
  const samples: number[] = [];
  const firstRuns: number[] = [];
  const queries: ChildResult["queries"] = [];
  for (const { kind, query } of BENCH_QUERIES) {
    const times: number[] = [];
    let result = { ids: [] as string[], titles: [] as string[] };
    for (let i = 0; i < task.reps; i++) {
      const t = performance.now();
      result = search(query);
      times.push(performance.now() - t);
    }
    samples.push(...times);
    firstRuns.push(times[0] ?? 0);
    times.sort((a, b) => a - b);
    queries.push({
      kind,
      query: query.length > 60 ? `${query.slice(0, 57)}…` : query,
      medianMs: round(percentile(times, 50)),
      maxMs: round(times.at(-1) ?? 0),
      hits: result.ids.length,
      top: result.titles[0]?.slice(0, 70),
    });
  }
  samples.sort((a, b) => a - b);
  firstRuns.sort((a, b) => a - b);
  const quality = {
    regularizTitlesInTop10: search("regularization").titles.filter((t) => /regulariz/i.test(t)).length,
    grokkingFirst: baseId(search("grokking softmax collapse").ids[0] ?? "") === "2501.04697",
    idExact: search("2302.06675").ids.join() === "2302.06675",
  };
  built.finish();
  rmSync(dir, { recursive: true, force: true });
  return {
    engine: task.engine,
    requested: task.size,
    papers: built.ingested,
    ...(built.capped ? { capped: built.capped } : {}),
    ingestSeconds: round(built.seconds),
    cpuSeconds: round(built.cpuSeconds),
    papersPerSecond: Math.round(built.ingested / built.seconds),
    peakRssMb: Math.round(built.peak / 1e6),
    startRssMb: Math.round(startRss / 1e6),
    ...(built.indexBytes !== undefined ? { indexBytes: built.indexBytes } : {}),
    latencyMs: {
      p50: round(percentile(samples, 50)),
      p95: round(percentile(samples, 95)),
      p99: round(percentile(samples, 99)),
      max: round(samples.at(-1) ?? 0),
      samples: samples.length,
      firstRunP95: round(percentile(firstRuns, 95)),
    },
    queries,
    quality,
  };
}

const task = JSON.parse(process.argv[2] ?? "{}") as ChildTask;
const result = await run(task);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
