// An HTTP-mode bot answers /readyz without loading Bolt (≈80 ms of every start); Slack's first request loads it. A bot
// connected to Slack never loads the playground (its stand-in, page and fill: ~85 kB of the bundle's start).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { freePort, SOURCES_DOWN } from "../support/bot-child.ts";

const ROOT = join(import.meta.dirname, "../..");
const HOOK = pathToFileURL(join(ROOT, "test/support/record-modules.mjs")).href;
const work = mkdtempSync(join(tmpdir(), "paperboy-lazy-bolt-"));
const record = join(work, "modules.txt");
let bot: ChildProcess | undefined;
let slack: SlackStandIn | undefined;
afterAll(async () => {
  bot?.kill("SIGKILL");
  await slack?.close();
  rmSync(work, { recursive: true, force: true });
});

const loaded = (path: string) => readFileSync(record, "utf8").includes(path);
const boltLoaded = () => loaded("/node_modules/@slack/bolt/");

/** The bot from its sources, recording every module it loads; resolves with its URL once /readyz answers. */
async function startRecordedBot(env: Record<string, string>): Promise<string> {
  const port = await freePort();
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
        PAPERBOY_HOST: "127.0.0.1",
        PAPERBOY_DATA_DIR: join(work, "data"),
        PAPERBOY_SEARCH_THREADS: "0",
        LOG_LEVEL: "warn",
        RECORD_MODULES: record,
        ...SOURCES_DOWN,
        ...env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForReady(url);
  return url;
}

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
    // The playground: HTTP mode against the local Slack stand-in, no credentials needed.
    const url = await startRecordedBot({ PLAYGROUND_PORT: "0" });
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

  it("never loads the playground in a bot connected to Slack", { timeout: 90_000 }, async () => {
    bot?.kill("SIGKILL");
    rmSync(record, { force: true });
    slack = await startSlackStandIn();
    await startRecordedBot({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
    });
    expect(loaded("/src/main.ts")).toBe(true);
    expect(loaded("/src/playground/")).toBe(false);
  });
});
