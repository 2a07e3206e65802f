// For the soak bench: the real bot in its own process (`npm start`'s code, HTTP mode) with a probe preloaded that
// reports its memory after a full GC, or writes a heap snapshot, when the bench asks over IPC.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SlackStandIn } from "../src/playground/slack-stand-in.ts";
import { startBotChild } from "../test/support/bot-child.ts";

// BENCH_BOT_REPO runs the bot of another checkout (an older commit) under the same bench, for before/after.
const REPO = process.env.BENCH_BOT_REPO;

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
  /** Memory outside the JS heap that V8 knows of (Buffers, ArrayBuffers). */
  externalMb: number;
  /** What V8 holds for its heaps (used or not). */
  heapTotalMb: number;
}

export interface ProbedBot {
  eventsUrl: string;
  measure(): Promise<Memory>;
  snapshot(name: string): Promise<string>;
  /** The bot's resident memory now, without a GC (Linux /proc; 0 elsewhere). */
  rssNowMb(): number;
  /** paperboy_requests_shed_total from the bot's /metrics (0 for a bot without it). */
  shed(): Promise<number>;
  stop(): Promise<void>;
}

/** The bot as `npm start` runs it (HTTP mode, in-memory store), with the memory probe preloaded. */
export async function startProbedBot(dataDir: string, standIn: SlackStandIn): Promise<ProbedBot> {
  const bot = await startBotChild({
    env: {
      PAPERBOY_DATA_DIR: dataDir,
      PAPERBOY_STORE_URL: "memory://soak",
      LOG_LEVEL: "error",
      PAPERBOY_SEARCH_THREADS: process.env.PAPERBOY_SEARCH_THREADS,
    },
    slack: standIn,
    probe: true,
    repo: REPO,
  });
  const outDir = fileURLToPath(new URL("./out/", import.meta.url));
  return {
    eventsUrl: bot.eventsUrl,
    async measure() {
      const usage = await bot.memoryAfterGc();
      return {
        rssMb: mb(usage.rss),
        heapUsedMb: mb(usage.heapUsed),
        externalMb: mb(usage.external),
        heapTotalMb: mb(usage.heapTotal),
      };
    },
    async snapshot(name) {
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, `soak-${name}.heapsnapshot`);
      await bot.ask({ type: "snapshot", path }, "snapshot-written");
      return path;
    },
    rssNowMb: () => mb(bot.rssBytes()),
    async shed() {
      const metrics = await (await fetch(`${bot.url}/metrics`)).text();
      return Number(/^paperboy_requests_shed_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    },
    stop: () => bot.stop(),
  };
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024);
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
