// `npm run bench [-- --only index,digest] [--quick]`: runs the bench sections and prints their Markdown.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A bench section: a name for `--only`, and a run that returns Markdown plus raw figures. */
interface BenchSection {
  name: string;
  run(options: { quick: boolean }): Promise<{ markdown: string; json: unknown }>;
}

// Sections load lazily, so `--only index` does not import (or start) the others.
const SECTIONS: BenchSection[] = [
  { name: "index", run: async (o) => (await import("./index-bench.ts")).runIndexBench(o) },
  { name: "semantic", run: async (o) => (await import("./semantic-bench.ts")).runSemanticBench(o) },
  { name: "digest", run: async () => (await import("./digest-bench.ts")).runDigestBench() },
  {
    name: "digest-relevance",
    run: async () => (await import("./digest-relevance-bench.ts")).runDigestRelevanceBench(),
  },
  {
    name: "relevance-learning",
    run: async () => (await import("./relevance-learning-bench.ts")).runRelevanceLearningBench(),
  },
  { name: "summaries", run: async () => (await import("./summaries-bench.ts")).runSummariesBench() },
  { name: "slack", run: async (o) => (await import("./slack-bench.ts")).runSlackBench(o) },
  {
    name: "playground",
    run: async () => (await import("./playground-start-bench.ts")).runPlaygroundStartBench(),
  },
  { name: "soak", run: async (o) => (await import("./soak-bench.ts")).runSoakBench(o) },
  { name: "startup", run: async (o) => (await import("./startup-bench.ts")).runStartupBench(o) },
  {
    name: "activity-soak",
    run: async (o) => (await import("./activity-soak-bench.ts")).runActivitySoakBench(o),
  },
];

function parseArgs(argv: string[]): { only: string[]; quick: boolean } {
  const only: string[] = [];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--quick") quick = true;
    else if (arg === "--only") only.push(...(argv[++i] ?? "").split(","));
    else if (arg.startsWith("--only=")) only.push(...arg.slice(7).split(","));
    else
      throw new Error(
        `Unknown argument ${arg}. Usage: npm run bench -- [--only ${SECTIONS.map((s) => s.name).join(",")}] [--quick]`,
      );
  }
  const unknown = only.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`No bench section named ${unknown.join(", ")}.`);
  return { only: only.filter(Boolean), quick };
}

const { only, quick } = parseArgs(process.argv.slice(2));
const outDir = fileURLToPath(new URL("./out/", import.meta.url));
mkdirSync(outDir, { recursive: true });
for (const section of SECTIONS) {
  if (only.length > 0 && !only.includes(section.name)) continue;
  const started = performance.now();
  const { markdown, json } = await section.run({ quick });
  writeFileSync(`${outDir}${section.name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(
    `${markdown}\n_${section.name}: ${((performance.now() - started) / 1000).toFixed(0)} s_\n\n`,
  );
}
