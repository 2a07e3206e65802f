// The start-up bench's report: its figures as the Markdown the README keeps.
import { cpus, loadavg } from "node:os";
import type { Readiness, Timed } from "./startup-measure.ts";

/** One command's figures: median wall and CPU time, as multiples of bare node's, against its target. */
export interface Row {
  what: string;
  /** Every run, for bench/out/startup.json. */
  runs: Timed[];
  wallMs: number;
  cpuMs?: number;
  ratio: number;
  cpuRatio?: number;
  target?: number;
  /** The STARTUP_BENCH_before checkout's median wall time, and its multiple of bare node. */
  beforeMs?: number;
  beforeRatio?: number;
}

/** The idle bot's RSS (median of starts) with some number of search threads, and the older checkout's. */
export interface Memory {
  threads: string;
  rssMb: number;
  samples?: number[];
  beforeMb?: number;
}

export interface Report {
  rows: Row[];
  memory: Memory[];
  starts: Readiness[];
  bareWall: number;
  bareRssMb: number;
  rssTargetMb: number;
  /** How the bot was started for the RSS figures. */
  botCommand: string;
  before?: string;
}

/** The CPU, Node version and load the figures were taken on. */
export function machine(): string {
  return `${cpus().length}× ${cpus()[0]?.model.trim() ?? "CPU"}, Node ${process.versions.node}, load ${loadavg()[0]?.toFixed(1)}`;
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en-US")} ms`;
const times = (value: number) => `${value.toFixed(1)}×`;

export function markdown({
  rows,
  memory,
  starts,
  bareWall,
  bareRssMb,
  rssTargetMb,
  botCommand,
  before,
}: Report): string {
  const lines = [
    "## Start-up",
    "",
    `${new Date().toISOString().slice(0, 10)}, ${machine()}. Medians of interleaved runs; each command's time is`,
    "also given as a multiple of a bare `node -e 0` started in the same run (CPU is user + system, from GNU time).",
    "",
    `| what | wall (median) | × bare node | CPU (median) | × bare node (CPU) | target | |${before ? " before (wall, × bare node) |" : ""}`,
    `| --- | --- | --- | --- | --- | --- | --- |${before ? " --- |" : ""}`,
  ];
  for (const r of rows) {
    const ok = r.target === undefined ? "" : r.ratio <= r.target ? "✅" : "❌";
    lines.push(
      `| ${r.what} | ${ms(r.wallMs)} | ${times(r.ratio)} | ${r.cpuMs !== undefined ? ms(r.cpuMs) : "n/a"} | ${
        r.cpuRatio !== undefined ? times(r.cpuRatio) : "n/a"
      } | ${r.target !== undefined ? `≤ ${r.target}×` : ""} | ${ok} |${
        before
          ? ` ${r.beforeMs !== undefined ? `${ms(r.beforeMs)}, ${times(r.beforeRatio ?? 0)}` : ""} |`
          : ""
      }`,
    );
  }
  if (starts.some((s) => s.endpoint === "/healthz"))
    lines.push("", "This bot has no `/readyz` yet, so `npm start` was timed until `/healthz` answered 200.");
  lines.push(
    "",
    `| idle bot (HTTP mode, the index above, \`${botCommand}\`) | RSS (median of starts) | target |${before ? " before |" : ""}`,
    `| --- | --- | --- |${before ? " --- |" : ""}`,
  );
  for (const m of memory) {
    const [threads, ...rest] = m.threads.split(", ");
    const label = [
      threads === "default" ? "default search threads" : `PAPERBOY_SEARCH_THREADS=${threads}`,
      ...rest,
    ].join(", ");
    const ok = m.rssMb <= rssTargetMb ? "✅" : "❌";
    const was = before ? ` ${m.beforeMb !== undefined ? `${Math.round(m.beforeMb)} MB` : ""} |` : "";
    lines.push(`| ${label} | ${Math.round(m.rssMb)} MB | ≤ ${rssTargetMb} MB ${ok} |${was}`);
  }
  if (before) lines.push("", `_before: ${before}, its sources run through tsx as they were then_`);
  lines.push("", `_bare node: ${ms(bareWall)} wall, ${Math.round(bareRssMb)} MB peak RSS in this run_`);
  return lines.join("\n");
}
