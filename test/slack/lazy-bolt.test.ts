// An HTTP-mode bot answers /readyz without loading Bolt (≈80 ms of every start); Slack's first request loads it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, SOURCES_DOWN } from "../support/bot-child.ts";

const ROOT = join(import.meta.dirname, "../..");
const HOOK = pathToFileURL(join(ROOT, "test/support/record-modules.mjs")).href;
const work = mkdtempSync(join(tmpdir(), "paperboy-lazy-bolt-"));
const record = join(work, "modules.txt");
let bot: ChildProcess | undefined;
afterAll(() => {
  bot?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

const boltLoaded = () => readFileSync(record, "utf8").includes("/node_modules/@slack/bolt/");

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the bot did not answer /readyz within 60 s");
}

describe("the Slack app in HTTP mode", () => {
  it("is built on Slack's first request, not before /readyz answers", { timeout: 90_000 }, async () => {
    const port = await freePort();
    // The playground: HTTP mode against the local Slack stand-in, no credentials needed.
    bot = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(HOOK)})`,
        "src/main.ts",
      ],
      {
        cwd: ROOT,
        stdio: "ignore",
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORT: String(port),
          PLAYGROUND_PORT: "0",
          PAPERBOY_HOST: "127.0.0.1",
          PAPERBOY_DATA_DIR: join(work, "data"),
          PAPERBOY_SEARCH_THREADS: "0",
          LOG_LEVEL: "warn",
          RECORD_MODULES: record,
          ...SOURCES_DOWN,
        },
      },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url);
    expect(boltLoaded()).toBe(false);

    // An unsigned request: Bolt, loaded for it, refuses it as Slack's signature check says to.
    const response = await fetch(`${url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "url_verification", challenge: "c" }),
    });
    expect(response.status).toBe(401);
    expect(boltLoaded()).toBe(true);
  });
});
