// The real bot (`src/main.ts`) in its own process, as `npm start` runs it, for the reliability suite: RSS, kill, restart.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, waitForHealth } from "../../support/bot-child.ts";

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const PROBE = fileURLToPath(new URL("./memory-probe.mjs", import.meta.url));
// Port 9 (discard) is closed here: a source pointed at it fails at once, like a source that is down.
export const CLOSED = "http://127.0.0.1:9";

export interface BotProcess {
  pid: number;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  eventsUrl: string;
  /** Resident set size now, in bytes (from /proc). */
  rssBytes(): number;
  /** The bot's memory after two full collections (its retained memory, without garbage waiting for a GC). */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  /** What the bot wrote to stderr (the last 20 KB). */
  stderr(): string;
  /** SIGKILL: the process dies mid-work, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/** Starts the bot in HTTP mode with `env` on top of safe defaults; resolves once /healthz answers. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", PROBE, "--import", "tsx", "src/main.ts"],
    {
      cwd: REPO,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      // Built from scratch: nothing from this shell (an OPENAI_API_KEY, a .env) leaks into the run.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        PAPERBOY_HOST: "127.0.0.1",
        HF_API_URL: CLOSED,
        ARXIV_API_URL: `${CLOSED}/api/query`,
        ARXIV_RSS_URL: `${CLOSED}/rss`,
        ARXIV_HTML_URL: `${CLOSED}/html`,
        PAPERBOY_REMOTE_TIMEOUT_MS: "300",
        LOG_LEVEL: "warn",
        ...env,
      },
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => stderr, 90_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid ?? 0,
    url,
    eventsUrl: `${url}/slack/events`,
    rssBytes: () => rssOf(child.pid ?? 0),
    memoryAfterGc: () =>
      new Promise((resolve) => {
        const onMessage = (message: { type?: string; usage?: NodeJS.MemoryUsage }) => {
          if (message?.type !== "measured" || !message.usage) return;
          child.off("message", onMessage);
          resolve(message.usage);
        };
        child.on("message", onMessage);
        child.send({ type: "measure" });
      }),
    stderr: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}
