// For the Slack bench: the 74,728-paper index (ingested once with `paperboy ingest --file`, cached in the OS
// temp dir) and the real bot running on it in its own process, as `npm start` runs it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMA_VERSION } from "../src/papers/index-schema.ts";
import { startBotChild } from "../test/support/bot-child.ts";

// BENCH_BOT_REPO runs the bot of another checkout (an older commit, say) under this same harness, for a fair
// before/after comparison; by default the bot is this repository's.
const REPO = process.env.BENCH_BOT_REPO ?? fileURLToPath(new URL("..", import.meta.url));
const CACHE_PREFIX = "paperboy-bench-slack-";

/**
 * A data dir holding the corpus's index, built with `npx paperboy ingest --file` the first time and reused
 * afterwards. Keyed by the index schema version and the corpus file's size and date, so a changed corpus or
 * index layout gets a fresh ingest.
 */
export function cachedCorpusIndex(
  corpus: string,
  log: (line: string) => void,
): { dir: string; papers: number } {
  const { size, mtimeMs } = statSync(corpus);
  const dir = join(tmpdir(), `${CACHE_PREFIX}v${SCHEMA_VERSION}-${size}-${Math.round(mtimeMs)}`);
  const marker = join(dir, "bench-ingested.json");
  if (existsSync(marker)) return { dir, papers: JSON.parse(readFileSync(marker, "utf8")).papers as number };

  // Indexes for another corpus or layout are of no more use: drop them with this one's half-built remains.
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(CACHE_PREFIX)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  log(`Ingesting ${corpus} into ${dir} (once; later runs reuse it)…`);
  const ingest = spawnSync("npx", ["paperboy", "ingest", "--file", corpus], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PAPERBOY_DATA_DIR: dir, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  if (ingest.status !== 0) {
    throw new Error(`paperboy ingest failed (exit ${ingest.status}): ${ingest.stderr || ingest.stdout}`);
  }
  const papers = Number(/([\d,]+) new/.exec(ingest.stdout + ingest.stderr)?.[1]?.replaceAll(",", "") ?? 0);
  writeFileSync(marker, JSON.stringify({ papers, corpus, at: new Date().toISOString() }));
  return { dir, papers };
}

export interface BotProcess {
  /** `http://127.0.0.1:PORT/slack/events`. */
  eventsUrl: string;
  /** The bot's process id (its memory is read from /proc). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/main.ts` (or, `compiled`, `node dist/main.js`) in HTTP mode against the Slack
 * stand-in, on the cached index, with an in-memory state store, no LLM and every remote source at a closed
 * port; resolves once /healthz answers and its search workers are ready.
 */
export async function startBotProcess(options: {
  dataDir: string;
  slack: { apiUrl: string; botToken: string; signingSecret: string };
  env?: Record<string, string>;
  /** Extra Node flags for the bot, e.g. `--cpu-prof` to see where its time goes. */
  nodeArgs?: string[];
  /** Run the compiled bot (`dist/main.js`, what `npm start` and the image run) instead of src/ through tsx. */
  compiled?: boolean;
  /** Another checkout's bot (default: BENCH_BOT_REPO, or this repository). */
  repo?: string;
}): Promise<BotProcess> {
  const bot = await startBotChild({
    env: {
      PAPERBOY_DATA_DIR: options.dataDir,
      PAPERBOY_STORE_URL: "memory://slack-bench",
      LOG_LEVEL: "error",
      ...options.env,
    },
    slack: options.slack,
    nodeArgs: options.nodeArgs,
    compiled: options.compiled,
    repo: options.repo ?? REPO,
  });
  try {
    // Measured as a bot that has been up a moment: its search threads are ready (it reports them on /metrics).
    if (options.env?.PAPERBOY_SEARCH_THREADS !== "0") await waitForSearchThreads(bot.url);
  } catch (error) {
    await bot.kill();
    throw error;
  }
  return { eventsUrl: bot.eventsUrl, pid: bot.pid, stop: () => bot.stop() };
}

async function waitForSearchThreads(base: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const metrics = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.text())
      .catch(() => "");
    const gauge = /^paperboy_search_threads_ready (\d+)/m.exec(metrics);
    // A bot without the gauge (one from before search threads) has nothing to wait for.
    if (metrics.includes("paperboy_") && (!gauge || Number(gauge[1]) > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the bot's search threads were not ready within 30 s");
}
