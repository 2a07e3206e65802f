// For the soak bench: the real bot in its own process (`npm start`'s code, HTTP mode) with a probe preloaded that
// reports its memory after a full GC, or writes a heap snapshot, when the bench asks over IPC.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SlackStandIn } from "../src/playground/slack-stand-in.ts";
import { freePort, waitForHealth } from "../test/support/bot-child.ts";

// BENCH_BOT_REPO runs the bot of another checkout (an older commit) under the same bench, for before/after.
const REPO = process.env.BENCH_BOT_REPO ?? fileURLToPath(new URL("..", import.meta.url));
const PROBE = fileURLToPath(new URL("./soak-probe.mjs", import.meta.url));
// Port 9 (discard) is closed here: every remote source fails at once and no network is attempted.
const CLOSED = "http://127.0.0.1:9";

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

/** The bot as `npm start` runs it (HTTP mode, in-memory store), with the probe preloaded and an IPC channel. */
export async function startProbedBot(dataDir: string, standIn: SlackStandIn): Promise<ProbedBot> {
  // A port the OS says is free, not a random guess that may be taken.
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", PROBE, "--import", "tsx", "src/main.ts"],
    {
      cwd: REPO,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SLACK_BOT_TOKEN: standIn.botToken,
        SLACK_SIGNING_SECRET: standIn.signingSecret,
        SLACK_API_URL: standIn.apiUrl,
        PORT: String(port),
        PAPERBOY_HOST: "127.0.0.1",
        PAPERBOY_DATA_DIR: dataDir,
        PAPERBOY_STORE_URL: "memory://soak",
        HF_API_URL: CLOSED,
        ARXIV_API_URL: `${CLOSED}/api/query`,
        ARXIV_RSS_URL: `${CLOSED}/rss`,
        ARXIV_HTML_URL: `${CLOSED}/html`,
        LOG_LEVEL: "error",
        ...(process.env.PAPERBOY_SEARCH_THREADS
          ? { PAPERBOY_SEARCH_THREADS: process.env.PAPERBOY_SEARCH_THREADS }
          : {}),
      },
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, () => stderr);
  const ask = <T>(message: object, answer: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (reply: { type: string } & T) => {
        if (reply.type !== answer) return;
        child.off("message", onMessage);
        resolve(reply);
      };
      child.on("message", onMessage);
      child.send(message);
    });
  const outDir = fileURLToPath(new URL("./out/", import.meta.url));
  return {
    eventsUrl: `${base}/slack/events`,
    async measure() {
      const { usage } = await ask<{ usage: NodeJS.MemoryUsage }>({ type: "measure" }, "measured");
      return {
        rssMb: mb(usage.rss),
        heapUsedMb: mb(usage.heapUsed),
        externalMb: mb(usage.external),
        heapTotalMb: mb(usage.heapTotal),
      };
    },
    async snapshot(name) {
      const path = join(outDir, `soak-${name}.heapsnapshot`);
      await ask({ type: "snapshot", path }, "snapshot-written");
      return path;
    },
    rssNowMb() {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        return round(Number(kb ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    async shed() {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      return Number(/^paperboy_requests_shed_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024);
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
