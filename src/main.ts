// The composition root: reads the environment, builds the services and the Slack app, serves HTTP, runs digests.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WebClient } from "@slack/web-api";
import { type Config, loadConfig } from "./config/load-config.ts";
import { userMessage } from "./errors.ts";
import { createLogger, type Logger } from "./logger.ts";
import { readPaperFile } from "./papers/sources/paper-file.ts";
import { type SlackStandIn, startSlackStandIn } from "./playground/slack-stand-in.ts";
import { startHttpServer } from "./server/http-server.ts";
import { createMetrics } from "./server/metrics.ts";
import { createServices, type Services } from "./services.ts";
import { createSlackApp } from "./slack/app.ts";
import { createDigestFeature } from "./slack/digest/digest-feature.ts";
import type { SlackFeatures } from "./slack/slack-features.ts";

const SAMPLE_PAPERS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "fixtures",
  "sample",
  "seed-papers.json",
);

export interface RunningBot {
  url: string;
  /** The services the bot runs on (tests seed the index and inspect the store through them). */
  services: Services;
  playground?: SlackStandIn;
  stop(): Promise<void>;
}

/** Knobs tests turn: Slack Web API retries and timeout (tests want none and a short one). */
export interface BotOverrides {
  slackRetries?: number;
  slackTimeoutMs?: number;
  llmActionsPerUserPerHour?: number;
}

/** Starts everything the config asks for; `stop()` shuts it down in reverse order. */
export async function startBot(
  config: Config,
  logger: Logger,
  overrides: BotOverrides = {},
): Promise<RunningBot> {
  const services = await createServices(config, logger, { searchWorkers: config.searchWorkers });
  const metrics = createMetrics();
  metrics.gaugeFrom("paperboy_papers_indexed", "Papers in the local index", () => services.index.count());
  metrics.gaugeFrom(
    "paperboy_search_threads_ready",
    "Search workers ready to take a search (0: searches run on the main thread)",
    () => services.index.searchWorkersReady(),
  );
  metrics.gaugeFrom(
    "paperboy_searches_on_threads",
    "Searches answered on search workers since the start (the others ran on the main thread)",
    () => services.index.searchesOnWorkers(),
  );
  const llmTotals = () =>
    services.llm?.totals() ?? { calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
  metrics.gaugeFrom(
    "paperboy_llm_calls_total",
    "LLM calls (summaries, questions, answers)",
    () => llmTotals().calls,
  );
  metrics.gaugeFrom("paperboy_llm_failures_total", "LLM calls that failed", () => llmTotals().failures);
  metrics.gaugeFrom(
    "paperboy_llm_prompt_tokens_total",
    "Prompt tokens sent to the LLM",
    () => llmTotals().promptTokens,
  );
  metrics.gaugeFrom(
    "paperboy_llm_completion_tokens_total",
    "Completion tokens received from the LLM",
    () => llmTotals().completionTokens,
  );
  metrics.gaugeFrom(
    "paperboy_summary_cache_hits_total",
    "Summaries served from the cache",
    () => services.summarizer.usage().cacheHits,
  );

  // Without Slack credentials, a local Slack stand-in plays the workspace and the bot talks to it over HTTP.
  let playground: SlackStandIn | undefined;
  let slack = config.slack;
  let mode: "http" | "socket" = config.mode === "socket" ? "socket" : "http";
  if (config.mode === "playground") {
    playground = await startSlackStandIn({
      host: "127.0.0.1",
      port: config.port === 0 ? 0 : config.port + 1,
    });
    slack = {
      apiUrl: playground.apiUrl,
      botToken: playground.botToken,
      signingSecret: playground.signingSecret,
    };
    mode = "http";
    // A fresh playground has something to search: the 66 bundled sample papers.
    if (services.index.count() === 0) await services.index.ingest(readPaperFile(SAMPLE_PAPERS));
  }
  const botToken = slack.botToken ?? "";

  // The team id keys the digest ledger; auth.test also proves the token works before anything is served.
  const auth = await new WebClient(botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 2 },
  }).auth.test();
  const digest = createDigestFeature({
    store: services.store,
    fileChannels: config.digest.channels,
    graceHours: config.digest.graceHours,
    team: auth.team_id ?? "T0",
    slack: { token: botToken, apiUrl: slack.apiUrl },
    hf: services.hf,
    arxiv: services.arxivFeed,
    index: services.index,
    summarizer: services.summarizer,
    logger,
  });
  const features: SlackFeatures = {
    search: services.search,
    summarizer: services.summarizer,
    discussions: services.discussions,
    readingList: services.readingList,
    digests: digest.channelDigests,
    store: services.store,
    logger,
    metrics,
    llmActionsPerUserPerHour: overrides.llmActionsPerUserPerHour ?? 30,
  };
  const slackApp = createSlackApp({
    mode,
    botToken,
    apiUrl: slack.apiUrl,
    features,
    ...(overrides.slackRetries !== undefined ? { retryConfig: { retries: overrides.slackRetries } } : {}),
    ...(overrides.slackTimeoutMs !== undefined ? { timeoutMs: overrides.slackTimeoutMs } : {}),
    ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
    ...(slack.appToken ? { appToken: slack.appToken } : {}),
  });
  const server = await startHttpServer({
    host: config.host,
    port: config.port,
    logger,
    metrics,
    ...(slackApp.requestListener ? { slackListener: slackApp.requestListener } : {}),
  });
  playground?.setAppUrl(`${server.url}/slack/events`);
  await slackApp.start();
  await digest.scheduler.start();
  logger.info({ url: server.url, mode: config.mode }, "paperboy is running");

  return {
    url: server.url,
    services,
    ...(playground ? { playground } : {}),
    async stop() {
      await digest.scheduler.stop();
      await slackApp.stop();
      await server.close();
      await playground?.close();
      await services.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`paperboy cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  // A bug in one listener must not take the bot down; it is logged and the process carries on.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  try {
    const bot = await startBot(config, logger);
    if (bot.playground) {
      process.stdout.write(
        `\npaperboy is running in the local playground (no Slack credentials set).\n` +
          `  Slack stand-in:  ${bot.playground.url}\n  Bot:             ${bot.url}  (/healthz, /metrics)\n\n`,
      );
    }
    const shutdown = async (signal: string) => {
      logger.info({ signal }, "shutting down");
      await bot.stop();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (error) {
    logger.fatal({ err: error }, "paperboy could not start");
    process.stderr.write(`paperboy could not start: ${userMessage(error)} (${(error as Error).message})\n`);
    process.exit(1);
  }
}

// Run when started as a program (`npm start`), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}`) await main();
