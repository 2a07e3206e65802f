// The real bot (`src/main.ts`, as `npm start` runs it) in a child process, for the benches and the reliability suite.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const MEMORY_PROBE = fileURLToPath(new URL("./memory-probe.mjs", import.meta.url));

// Port 9 (discard) is closed here: a source pointed at it fails at once, like a source that is down, and no
// network is attempted.
const CLOSED = "http://127.0.0.1:9";
/** Every remote paper source at a closed port. */
export const SOURCES_DOWN: Readonly<Record<string, string>> = {
  HF_API_URL: CLOSED,
  ARXIV_API_URL: `${CLOSED}/api/query`,
  ARXIV_RSS_URL: `${CLOSED}/rss`,
  ARXIV_HTML_URL: `${CLOSED}/html`,
};

export interface BotChildOptions {
  /** On top of the defaults: HTTP mode on 127.0.0.1, every remote source down, LOG_LEVEL=warn. */
  env?: Record<string, string | undefined>;
  /** The Slack it talks to (the stand-in); without it the bot starts without Slack. */
  slack?: { apiUrl: string; botToken: string; signingSecret: string };
  /** Preload the memory probe (test/support/memory-probe.mjs) with `--expose-gc` and an IPC channel. */
  probe?: boolean;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Run the compiled bot (`dist/main.js`, what the image runs) instead of src/ through tsx. */
  compiled?: boolean;
  /** Another checkout's bot (an older commit, for before/after); default this repository. */
  repo?: string;
  /** How long to wait for /healthz (default 60 s). */
  healthTimeoutMs?: number;
}

/** How the probe waits before reading RSS: `settleMs` after the collections, then `samples` readings. */
export interface MemorySettle {
  settleMs: number;
  samples: number;
  intervalMs: number;
}

export interface BotChild {
  pid: number;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `http://127.0.0.1:PORT/slack/events`. */
  eventsUrl: string;
  /** What the bot wrote to stderr (the last 20 KB). */
  stderr(): string;
  /** Resident set size now, in bytes (Linux /proc; 0 elsewhere or once the bot is gone). */
  rssBytes(): number;
  /** With `probe`: sends `message` and resolves with the probe's first reply of type `answer`. */
  ask<T>(message: { type: string } & Record<string, unknown>, answer: string): Promise<T>;
  /**
   * With `probe`: the bot's memory after two full collections (retained memory, not garbage). With `settle`,
   * RSS is the median of `samples` readings taken once V8 has handed the collected pages back (see the probe);
   * `rssAtOnce` is what it read straight after the collections.
   */
  memoryAfterGc(settle?: MemorySettle): Promise<NodeJS.MemoryUsage & { rssAtOnce?: number }>;
  /** SIGKILL: the process dies mid-work, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** Starts the bot with an environment built from scratch (nothing from this shell leaks in); resolves on /healthz. */
export async function startBotChild(options: BotChildOptions = {}): Promise<BotChild> {
  const port = await freePort();
  const entry = options.compiled ? ["dist/main.js"] : ["--import", "tsx", "src/main.ts"];
  const probe = options.probe ? ["--expose-gc", "--import", MEMORY_PROBE] : [];
  const slack = options.slack;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    PAPERBOY_HOST: "127.0.0.1",
    ...SOURCES_DOWN,
    LOG_LEVEL: "warn",
    ...(slack
      ? {
          SLACK_BOT_TOKEN: slack.botToken,
          SLACK_SIGNING_SECRET: slack.signingSecret,
          SLACK_API_URL: slack.apiUrl,
        }
      : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...probe, ...(options.nodeArgs ?? []), ...entry], {
    cwd: options.repo ?? REPO,
    stdio: ["ignore", "ignore", "pipe", ...(options.probe ? (["ipc"] as const) : [])],
    env,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => stderr, options.healthTimeoutMs);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  const ask = <T>(message: object, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const onExit = () => reject(new Error(`the bot exited before answering ${answer}: ${stderr}`));
      const onMessage = (reply: { type?: string } & T) => {
        if (reply?.type !== answer) return;
        child.off("message", onMessage).off("exit", onExit);
        resolve(reply);
      };
      child.on("message", onMessage).once("exit", onExit);
      child.send(message);
    });
  return {
    pid: child.pid ?? 0,
    url,
    eventsUrl: `${url}/slack/events`,
    stderr: () => stderr,
    rssBytes: () => rssOf(child),
    ask,
    memoryAfterGc: async (settle) => {
      const reply = await ask<{ usage: NodeJS.MemoryUsage; rssAtOnce?: number }>(
        { type: "measure", ...settle },
        "measured",
      );
      return { ...reply.usage, ...(reply.rssAtOnce === undefined ? {} : { rssAtOnce: reply.rssAtOnce }) };
    },
    async kill() {
      if (running()) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port nobody listens on right now (the OS picks it; the caller binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the bot at `url` answers /healthz with 200; throws if it exits first or `timeoutMs` passes. */
export async function waitForHealth(
  url: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}): ${stderr()}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot did not come up within ${timeoutMs / 1000} s: ${stderr()}`);
}

function rssOf(child: ChildProcess): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}
