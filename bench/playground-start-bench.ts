// `npm start` from a clean state to the first digest shown in Chromium: how long a new user waits, measured end to end.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const RUNS = 3;

interface StartRun {
  /** Seconds from spawning `npm start` to the page URL on stdout, to the page answering, to the digest visible. */
  urlPrinted: number;
  pageServed: number;
  digestVisible: number;
}

/** Only a loopback interface: the run cannot have used the network (run the bench under `unshare -n`). */
function loopbackOnly(): boolean {
  return Object.entries(networkInterfaces()).every(([, addresses]) =>
    (addresses ?? []).every((address) => address.internal),
  );
}

async function oneRun(port: number): Promise<StartRun> {
  const dataDir = mkdtempSync(join(tmpdir(), "paperboy-start-"));
  const profile = mkdtempSync(join(tmpdir(), "paperboy-start-chromium-"));
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PAPERBOY_DATA_DIR: dataDir,
    LOG_LEVEL: "error",
  };
  for (const name of [
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "OPENAI_API_KEY",
    "PAPERBOY_STORE_URL",
  ]) {
    delete env[name];
  }
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    // Its own process group, so stopping it stops the node process npm started too.
    detached: true,
  });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open the workspace:\s+(\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) =>
        reject(new Error(`npm start exited (${code}) before printing the URL:\n${out}`)),
      );
    });
    const urlPrinted = seconds();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    const pageServed = seconds();
    await page
      .locator("#messages .b-header", { hasText: "Papers for" })
      .first()
      .waitFor({ timeout: 120_000 });
    return { urlPrinted, pageServed, digestVisible: seconds() };
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function runPlaygroundStartBench() {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium`);
  const offline = loopbackOnly();
  const runs: StartRun[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(34_000 + i * 2));
  const median = (pick: (run: StartRun) => number) =>
    runs.map(pick).sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
  const f = (value: number) => value.toFixed(1);
  const markdown = [
    "### Playground start: `npm start` from a clean data folder to the first digest in Chromium",
    "",
    `${RUNS} runs, median; ${offline ? "loopback only (no other network interface)" : "network interfaces present: Hugging Face may have answered"}.`,
    "",
    "| URL printed | page served | digest visible |",
    "|---:|---:|---:|",
    `| ${f(median((r) => r.urlPrinted))} s | ${f(median((r) => r.pageServed))} s | ${f(median((r) => r.digestVisible))} s |`,
  ].join("\n");
  return { markdown, json: { offline, runs } };
}
