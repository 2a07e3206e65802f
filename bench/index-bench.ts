// Bench for the papers index against MiniSearch: ingest rate, size, peak RSS and search latency at 75k and 1M papers.
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findCorpus } from "./bench-corpus.ts";
import type { ChildResult, ChildTask } from "./index-bench-child.ts";
import { BENCH_QUERIES } from "./index-bench-queries.ts";

const CHILD = fileURLToPath(new URL("./index-bench-child.ts", import.meta.url));
const TARGETS = { papersPerSecond: 20_000, p95SmallMs: 5, p95LargeMs: 50, peakRssMb: 200 };
const SMALL = 74_794; // the 74,728-paper corpus plus the 66 seeds
const LARGE = 1_000_000;

/** Runs one measurement in a fresh Node process and returns what it reported. */
function runChild(task: ChildTask, extraArgs: string[] = []): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extraArgs, "--import", "tsx", CHILD, JSON.stringify(task)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
      else
        reject(
          new Error(
            `index bench child (${task.engine}, ${task.size}) exited with ${code}: ${out.slice(-500)}`,
          ),
        );
    });
  });
}

const n = (value: number) => value.toLocaleString("en-US");
const mb = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${n(Math.round(bytes / 1e6))} MB`);
const mark = (ok: boolean) => (ok ? "✅" : "❌");

function summaryRow(label: string, r: ChildResult): string {
  const papers = r.capped ? `${n(r.papers)} of ${n(r.requested)} (stopped: ${r.capped})` : n(r.papers);
  return `| ${label} | ${r.engine === "sqlite" ? "paperboy (SQLite FTS5)" : "minisearch 7"} | ${papers} | ${n(
    r.papersPerSecond,
  )} | ${r.ingestSeconds} s (${r.cpuSeconds} s CPU) | ${n(r.peakRssMb)} MB | ${mb(r.indexBytes)} | ${r.latencyMs.p50} | ${
    r.latencyMs.p95
  } | ${r.latencyMs.p99} | ${r.latencyMs.firstRunP95} |`;
}

function markdown(
  results: { label: string; small: boolean; result: ChildResult }[],
  notes: string[],
): string {
  const sqlite = results.filter((r) => r.result.engine === "sqlite");
  const lines = [
    "## Papers index",
    "",
    "Each engine builds its index from a stream of the corpus file in its own Node process (peak RSS is that process's",
    "high-water mark during ingest); the large corpus repeats the file with fresh ids. Latency covers every run of",
    `${BENCH_QUERIES.length} queries (words, phrases, questions, authors, filters, ids, junk), repeated, first runs included`,
    "(before measuring, each engine answers a few other queries once so its code is compiled, as in a running bot).",
    "paperboy's size is every file of the index (papers table with full texts, plus the FTS5 shards). MiniSearch 7 is",
    "configured as a JS developer would (fields title/authors/abstract, boosts title 3 and authors 2, OR, no stemming),",
    "reads filters and ids through the same query parser, and its size is its serialised JSON (no abstracts stored).",
    "",
    "| corpus | engine | papers indexed | ingest papers/s | ingest time | peak RSS | index size | p50 ms | p95 ms | p99 ms | p95 of first runs |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map((r) => summaryRow(r.label, r.result)),
    "",
    "Targets for paperboy on this machine:",
    "",
    ...sqlite.flatMap(({ label, small, result: r }) => [
      `- ${label}: ingest ${n(r.papersPerSecond)}/s ${mark(r.papersPerSecond >= TARGETS.papersPerSecond)} (≥ ${n(
        TARGETS.papersPerSecond,
      )}), peak RSS ${r.peakRssMb} MB ${mark(r.peakRssMb <= TARGETS.peakRssMb)} (≤ ${TARGETS.peakRssMb}), search p95 ${
        r.latencyMs.p95
      } ms ${mark(r.latencyMs.p95 <= (small ? TARGETS.p95SmallMs : TARGETS.p95LargeMs))} (≤ ${
        small ? TARGETS.p95SmallMs : TARGETS.p95LargeMs
      })`,
    ]),
    "",
    "Search quality (`regularization`: titles with a form of “regulariz” in the top 10; `grokking softmax collapse`:",
    "2501.04697 first; `2302.06675`: exactly that paper):",
    "",
    "| corpus | engine | regulariz titles in top 10 | grokking first | id exact |",
    "| --- | --- | --- | --- | --- |",
    ...results.map(
      ({ label, result: r }) =>
        `| ${label} | ${r.engine} | ${r.quality.regularizTitlesInTop10}/10 | ${mark(r.quality.grokkingFirst)} | ${mark(
          r.quality.idExact,
        )} |`,
    ),
    "",
    "Median latency per query (ms):",
    "",
    `| kind | query | ${results.map((r) => `${r.result.engine} ${r.label}`).join(" | ")} |`,
    `| --- | --- | ${results.map(() => "---").join(" | ")} |`,
    ...BENCH_QUERIES.map((q, i) => {
      const cells = results.map((r) => {
        const row = r.result.queries[i];
        return row ? `${row.medianMs} (${row.hits})` : "–";
      });
      const shown = q.query.length > 40 ? `${q.query.slice(0, 37)}…` : q.query;
      return `| ${q.kind} | \`${shown.replaceAll("|", "\\|").replaceAll("`", "'")}\` | ${cells.join(" | ")} |`;
    }),
    "",
    "(hits returned in parentheses)",
    "",
    ...notes,
    "",
  ];
  return lines.join("\n");
}

/** Runs the index bench; `quick` uses 200k papers instead of 1M and fewer repetitions. */
export async function runIndexBench(
  options: { quick?: boolean } = {},
): Promise<{ markdown: string; json: unknown }> {
  const corpus = findCorpus();
  if (!corpus) {
    const note =
      "## Papers index\n\nSkipped: no corpus (set PAPERBOY_BENCH_CORPUS to arxiv-2025-cs.jsonl.gz).\n";
    return { markdown: note, json: { skipped: "no corpus" } };
  }
  const large = options.quick ? 200_000 : LARGE;
  const load = loadavg();
  const plan: { label: string; small: boolean; task: ChildTask; args?: string[] }[] = [
    {
      label: n(SMALL),
      small: true,
      task: {
        engine: "sqlite",
        corpus,
        size: SMALL,
        reps: options.quick ? 2 : 5,
        capSeconds: 0,
        capRssBytes: 0,
      },
    },
    {
      label: n(SMALL),
      small: true,
      task: {
        engine: "minisearch",
        corpus,
        size: SMALL,
        reps: options.quick ? 1 : 3,
        capSeconds: 400,
        capRssBytes: 6e9,
      },
      args: ["--max-old-space-size=8192"],
    },
    {
      label: n(large),
      small: false,
      task: {
        engine: "sqlite",
        corpus,
        size: large,
        reps: options.quick ? 1 : 3,
        capSeconds: 0,
        capRssBytes: 0,
      },
    },
    {
      label: n(large),
      small: false,
      task: {
        engine: "minisearch",
        corpus,
        size: large,
        reps: 1,
        capSeconds: options.quick ? 30 : 120,
        capRssBytes: 5e9,
      },
      args: ["--max-old-space-size=8192"],
    },
  ];
  const results: { label: string; small: boolean; result: ChildResult }[] = [];
  for (const step of plan) {
    process.stderr.write(`index bench: ${step.task.engine} on ${step.label} papers…\n`);
    results.push({ label: step.label, small: step.small, result: await runChild(step.task, step.args) });
  }
  const notes = [
    `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), load average ${load
      .map((l) => l.toFixed(2))
      .join(" / ")} at the start and ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} at the end (other work on the machine slows every figure).`,
  ];
  return {
    markdown: markdown(results, notes),
    json: { targets: TARGETS, results, loadavg: { start: load, end: loadavg() } },
  };
}

// `node --import tsx bench/index-bench.ts [--quick]` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown: text } = await runIndexBench({ quick: process.argv.includes("--quick") });
  process.stdout.write(`${text}\n`);
}
