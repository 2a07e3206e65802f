// Starts the real bot (src/main.ts startBot) against the local Slack stand-in, over HTTP or Socket Mode.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { SOURCES_DOWN } from "./bot-child.ts";
import { type HttpStandIn, type StandInRoute, startHttpStandIn } from "./http-stand-in.ts";

export interface TestBot {
  standIn: SlackStandIn;
  bot: RunningBot;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestBotOptions {
  transport?: "http" | "socket";
  /** Extra environment (HF_API_URL, OPENAI_BASE_URL, …); sources default to a closed port. */
  env?: Record<string, string>;
  /** Ingest the 66 sample papers before starting (default true). */
  seed?: boolean;
  llmActionsPerUserPerHour?: number;
  /** Web API retries (default 0). A 429 is retried only when this is at least 1. */
  slackRetries?: number;
  /** The bot's limit on Slack requests worked on at once (default: the bot's own). */
  workLimit?: { maxActive: number; waitMs: number };
  /** A stand-in several bots share (the caller closes it and points its app URL); default a fresh one per bot. */
  standIn?: SlackStandIn;
  /** The bot's clock for the journal club, activity counts and the weekly roundup (default the real one). */
  now?: () => Date;
}

let counter = 0;

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const transport = options.transport ?? "http";
  const standIn = options.standIn ?? (await startSlackStandIn());
  const dataDir = mkdtempSync(join(tmpdir(), "paperboy-e2e-"));
  counter += 1;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    PAPERBOY_HOST: "127.0.0.1",
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_STORE_URL: `memory://e2e-${process.pid}-${counter}`,
    ...SOURCES_DOWN,
    // Searches wait this long at most for the (closed) remote sources: short, so the suite stays quick.
    PAPERBOY_REMOTE_TIMEOUT_MS: "50",
    ...(transport === "socket"
      ? { SLACK_APP_TOKEN: standIn.appToken }
      : { SLACK_SIGNING_SECRET: standIn.signingSecret }),
    ...options.env,
  };
  const config = loadConfig(env, dataDir);
  const bot = await startBot(config, silentLogger(), {
    slackRetries: options.slackRetries ?? 0,
    slackTimeoutMs: 5_000,
    ...(options.workLimit ? { workLimit: options.workLimit } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.llmActionsPerUserPerHour !== undefined
      ? { llmActionsPerUserPerHour: options.llmActionsPerUserPerHour }
      : {}),
  });
  if (transport === "http" && !options.standIn) standIn.setAppUrl(`${bot.url}/slack/events`);
  if (options.seed !== false) {
    await bot.services.index.ingest(
      readPaperFile(join(import.meta.dirname, "../../fixtures/sample/seed-papers.json")),
    );
  }
  return {
    standIn,
    bot,
    dataDir,
    async close() {
      await bot.stop();
      if (!options.standIn) await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a bot for the enclosing `describe` (before its tests, closed after them) and resets the stand-in
 * before each test. The returned object is filled in once the bot is up.
 */
export function useTestBot(options: TestBotOptions = {}): TestBot {
  const handle = {} as TestBot;
  beforeAll(async () => {
    Object.assign(handle, await startTestBot(options));
  });
  afterAll(async () => {
    await handle.close?.();
  });
  beforeEach(() => handle.standIn.reset());
  return handle;
}

/** A paper source a test bot reads from a local stand-in: its routes, and the variable (plus path) pointing at it. */
export interface SourceStandIn {
  env: string;
  routes: Record<string, StandInRoute>;
  /** Appended to the stand-in's URL in `env` (arXiv's `/api/query`). */
  path?: string;
}

/**
 * A bot for the enclosing `describe` whose paper sources are local HTTP stand-ins (HF's daily list, arXiv's
 * API), all started before its tests and closed after them. Unlike `useTestBot` the Slack stand-in is not
 * reset between tests: these suites build on what the earlier tests did. Filled in once the bot is up.
 */
export function useTestBotWithSources<Name extends string>(
  options: TestBotOptions,
  sources: Record<Name, SourceStandIn>,
): TestBot & { sources: Record<Name, HttpStandIn> } {
  const handle = { sources: {} } as TestBot & { sources: Record<Name, HttpStandIn> };
  beforeAll(async () => {
    const env: Record<string, string> = { ...options.env };
    for (const [name, source] of Object.entries(sources) as [Name, SourceStandIn][]) {
      handle.sources[name] = await startHttpStandIn(source.routes);
      env[source.env] = `${handle.sources[name].url}${source.path ?? ""}`;
    }
    Object.assign(handle, await startTestBot({ ...options, env }));
  });
  afterAll(async () => {
    await handle.close?.();
    for (const standIn of Object.values<HttpStandIn | undefined>(handle.sources)) await standIn?.close();
  });
  return handle;
}
