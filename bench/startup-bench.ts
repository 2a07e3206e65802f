// Bench for start-up: `paperboy --help`, `paperboy search --local` on the 75k index, `npm start` until the bot is
// ready, and the idle bot's RSS, each as a multiple of a bare `node -e 0` started in the same run.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startSlackStandIn } from "../src/playground/slack-stand-in.ts";
import { freePort } from "../test/support/bot-child.ts";
import { findCorpus } from "./bench-corpus.ts";
import { cachedCorpusIndex, startBotProcess } from "./slack-bench-bot.ts";
import {
  median,
  type Readiness,
  residentMb,
  type Timed,
  timeCommand,
  timeNpmStart,
} from "./startup-measure.ts";
import { type Memory, machine, markdown, type Row } from "./startup-report.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
// STARTUP_BENCH_BEFORE=/path/to/an-older-checkout (its node_modules installed) adds that checkout's figures,
// measured in the same run and the same way, beside this one's: a before/after on equal terms.
const BEFORE = process.env.STARTUP_BENCH_BEFORE;
const TARGETS = { help: 2, searchLocal: 4, npmStart: 10, idleRssMb: 120 };
const CLOSED = "http://127.0.0.1:9";
// Nothing from this shell (Slack tokens, an LLM key, a store URL) leaks into what is measured.
const BASE_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  HF_API_URL: CLOSED,
  ARXIV_API_URL: `${CLOSED}/api/query`,
  ARXIV_RSS_URL: `${CLOSED}/rss`,
  ARXIV_HTML_URL: `${CLOSED}/html`,
  LOG_LEVEL: "warn",
};

export async function runStartupBench(options: {
  quick: boolean;
}): Promise<{ markdown: string; json: unknown }> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // What is measured is the compiled build, as `npm start` and the image run it.
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], {
    cwd: REPO,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("npm run build failed");
  const corpus = findCorpus();
  if (!corpus)
    throw new Error(
      "The start-up bench needs the arXiv corpus (../shared/corpus/ or PAPERBOY_BENCH_CORPUS).",
    );
  const index = cachedCorpusIndex(corpus, log);
  const dataEnv = { ...BASE_ENV, PAPERBOY_DATA_DIR: index.dir };

  const rounds = options.quick ? 3 : 9;
  const commands = {
    bare: () => timeCommand(process.execPath, ["-e", "0"], { cwd: REPO, env: BASE_ENV }),
    help: () => timeCommand(process.execPath, ["bin/paperboy.js", "--help"], { cwd: REPO, env: BASE_ENV }),
    searchLocal: () =>
      timeCommand(process.execPath, ["bin/paperboy.js", "search", "--local", "diffusion models for video"], {
        cwd: REPO,
        env: dataEnv,
      }),
  };
  const before = BEFORE
    ? {
        help: () =>
          timeCommand(process.execPath, ["bin/paperboy.js", "--help"], { cwd: BEFORE, env: BASE_ENV }),
        searchLocal: () =>
          timeCommand(
            process.execPath,
            ["bin/paperboy.js", "search", "--local", "diffusion models for video"],
            {
              cwd: BEFORE,
              env: dataEnv,
            },
          ),
      }
    : undefined;
  const runs: Record<keyof typeof commands, Timed[]> = { bare: [], help: [], searchLocal: [] };
  const beforeRuns: { help: Timed[]; searchLocal: Timed[] } = { help: [], searchLocal: [] };
  // Interleaved, so a slow moment of this shared machine falls on every command alike.
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(commands)) runs[name as keyof typeof commands].push(await run());
    if (before) {
      beforeRuns.help.push(await before.help());
      beforeRuns.searchLocal.push(await before.searchLocal());
    }
  }
  const starts: Readiness[] = [];
  const nodeStarts: Readiness[] = [];
  const beforeStarts: Readiness[] = [];
  // The same bot without npm: what `npm start` runs (its Node flags and entry), started directly.
  const nodeStart = [process.execPath, ...startFlags(), "dist/main.js"];
  for (let round = 0; round < (options.quick ? 1 : 3); round++) {
    runs.bare.push(await commands.bare());
    const port = await freePort();
    starts.push(await timeNpmStart({ cwd: REPO, port, env: { ...dataEnv, PORT: String(port) } }));
    nodeStarts.push(
      await timeNpmStart({ cwd: REPO, port, env: { ...dataEnv, PORT: String(port) }, command: nodeStart }),
    );
    if (BEFORE)
      beforeStarts.push(await timeNpmStart({ cwd: BEFORE, port, env: { ...dataEnv, PORT: String(port) } }));
  }

  const bareWall = median(runs.bare.map((r) => r.wallMs));
  const cpuOf = (list: Timed[]) =>
    list.every((r) => r.cpuMs !== undefined) ? median(list.map((r) => r.cpuMs ?? 0)) : undefined;
  const bareCpu = cpuOf(runs.bare);
  const row = (what: string, list: Timed[], target?: number, beforeList: Timed[] = []): Row => {
    const wallMs = median(list.map((r) => r.wallMs));
    const cpuMs = cpuOf(list);
    const beforeMs = beforeList.length > 0 ? median(beforeList.map((r) => r.wallMs)) : undefined;
    return {
      what,
      runs: list,
      wallMs,
      ratio: wallMs / bareWall,
      ...(cpuMs !== undefined && bareCpu ? { cpuMs, cpuRatio: cpuMs / bareCpu } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(beforeMs !== undefined ? { beforeMs, beforeRatio: beforeMs / bareWall } : {}),
    };
  };
  const rows = [
    row("`node -e 0` (the baseline)", runs.bare),
    row("`paperboy --help`", runs.help, TARGETS.help, beforeRuns.help),
    row(
      `\`paperboy search --local\` (${index.papers.toLocaleString("en-US")} papers)`,
      runs.searchLocal,
      TARGETS.searchLocal,
      beforeRuns.searchLocal,
    ),
    row(
      `\`npm start\` until ${starts[0]?.endpoint} answers 200 (playground)`,
      starts,
      TARGETS.npmStart,
      beforeStarts,
    ),
    row(
      `\`${["node", ...startFlags(), "dist/main.js"].join(" ")}\` until ${nodeStarts[0]?.endpoint} answers 200`,
      nodeStarts,
    ),
  ];
  const samples = options.quick ? 1 : 3;
  const memory = await idleRss(index.dir, samples);
  for (const was of BEFORE ? await idleRss(index.dir, samples, BEFORE) : []) {
    const now = memory.find((m) => m.threads === was.threads);
    if (now) now.beforeMb = was.rssMb;
  }
  const bareRssMb = median(runs.bare.map((r) => r.maxRssMb ?? 0));
  return {
    markdown: markdown({
      rows,
      memory,
      starts,
      bareWall,
      bareRssMb,
      rssTargetMb: TARGETS.idleRssMb,
      botCommand: ["node", ...startFlags(), "dist/main.js"].join(" "),
      ...(BEFORE ? { before: BEFORE } : {}),
    }),
    json: { rows, memory, bareRssMb, machine: machine() },
  };
}

/** The bot in HTTP mode on the index, idle after start-up, with its default search threads and with none. */
async function idleRss(dataDir: string, samples: number, repo?: string): Promise<Memory[]> {
  const results: Memory[] = [];
  // glibc's MALLOC_ARENA_MAX=2 (the image does not set it; this row says whether it should): fewer per-thread malloc arenas.
  const variants: { threads?: string; arenas?: string }[] = [{}, { threads: "0" }, { arenas: "2" }];
  for (const { threads, arenas } of variants) {
    // The median of a few starts: one start's figure moves by ±5 MB with when the collector last ran.
    const sampled: number[] = [];
    for (let sample = 0; sample < samples; sample++) {
      const rssMb = await oneIdleRss(dataDir, threads, repo, arenas);
      if (rssMb !== undefined) sampled.push(rssMb);
    }
    const key = `${threads ?? "default"}${arenas ? `, MALLOC_ARENA_MAX=${arenas}` : ""}`;
    if (sampled.length > 0) results.push({ threads: key, rssMb: median(sampled), samples: sampled });
  }
  return results;
}

async function oneIdleRss(
  dataDir: string,
  threads: string | undefined,
  repo?: string,
  arenas?: string,
): Promise<number | undefined> {
  const standIn = await startSlackStandIn();
  const bot = await startBotProcess({
    dataDir,
    // An older checkout runs as it did then: its sources through tsx; this one as `npm start` runs it.
    compiled: repo === undefined,
    ...(repo === undefined ? { nodeArgs: startFlags() } : { repo }),
    slack: { apiUrl: standIn.apiUrl, botToken: standIn.botToken, signingSecret: standIn.signingSecret },
    env: {
      ...(threads ? { PAPERBOY_SEARCH_THREADS: threads } : {}),
      ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}),
    },
  });
  try {
    standIn.setAppUrl(bot.eventsUrl);
    // Idle: start-up work is over and the collector has had time to run.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    return residentMb(bot.pid);
  } finally {
    await bot.stop();
    await standIn.close();
  }
}

/** The Node flags `npm start` passes (package.json's start script, `node FLAGS… dist/main.js`). */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(`${REPO}package.json`, "utf8")) as { scripts: { start: string } })
    .scripts.start;
  return start.split(" ").filter((word) => word.startsWith("--"));
}
