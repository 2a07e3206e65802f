// The bot's entry: reads the environment, builds its parts with compose.ts and the Slack app, serves HTTP, runs digests.
import { WebClient } from "@slack/web-api";
import { composeDigest, composeServices } from "./compose.ts";
import { composeSlackFeatures } from "./compose-slack-features.ts";
import { type Config, loadConfig } from "./config/load-config.ts";
import { loadEnvFile } from "./config/load-env-file.ts";
import { explainListenError } from "./config/port-in-use.ts";
import { PaperboyError, userMessage } from "./errors.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { Playground } from "./playground/start-playground.ts";
import type { BotOverrides, RunningBot } from "./running-bot.ts";
import { startHttpServer, startMetricsServer } from "./server/http-server.ts";
import { createMetrics } from "./server/metrics.ts";
import { checkServicesHealth, registerServiceMetrics } from "./server/service-metrics.ts";
import { countedDigestPoster } from "./slack/digest/counted-digest-poster.ts";
import type { DigestFeature } from "./slack/digest/digest-feature.ts";
import { lazySlackApp } from "./slack/lazy-slack-app.ts";

export type { BotOverrides, RunningBot } from "./running-bot.ts";

/** Starts everything the config asks for; `stop()` shuts it down in reverse order. */
export async function startBot(
  config: Config,
  logger: Logger,
  overrides: BotOverrides = {},
): Promise<RunningBot> {
  // The playground's workspace lives in memory, so its state (ledger, threads, reading lists) does too.
  const servicesConfig =
    config.mode === "playground" && !config.storeUrl
      ? { ...config, storeUrl: "memory://playground" }
      : config;
  // /readyz answers 200 once the start-up work below (Slack connection, digest catch-up) is done.
  let ready = false;
  let markReady = () => {};
  const answering = new Promise<void>((resolve) => {
    markReady = () => {
      ready = true;
      resolve();
    };
  });
  // The search threads start once the bot answers (searches run on this thread until one is ready): started
  // beside it, they competed with its own start for the CPU (on 2 busy cores, /readyz came 1.3-2× later).
  const services = await composeServices(servicesConfig, logger, {
    searchWorkers: config.searchWorkers,
    searchWorkersAfter: answering,
  });
  const metrics = createMetrics();

  // Without Slack credentials, a local Slack stand-in plays the workspace and the bot talks to it over HTTP.
  let playground: Playground | undefined;
  let slack = config.slack;
  let mode: "http" | "socket" = config.mode === "socket" ? "socket" : "http";
  let digestFeature: DigestFeature | undefined;
  if (config.mode === "playground") {
    // Imported only here: a bot connected to Slack never loads the stand-in or the page.
    const { startPlayground } = await import("./playground/start-playground.ts");
    playground = await startPlayground({
      host: config.host,
      port: config.playgroundPort,
      digest: () => digestFeature,
    }).catch(async (error: unknown) => {
      await services.close();
      throw error;
    });
    const { apiUrl, botToken, signingSecret } = playground.standIn;
    slack = { apiUrl, botToken, signingSecret };
    mode = "http";
  }
  const botToken = slack.botToken ?? "";

  // The team id keys the digest ledger; auth.test also proves the token works before anything is served. The
  // playground's stand-in is this process's own workspace, whose team is known: no first Web API call at start.
  const webClient = new WebClient(botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2 } });
  const team = playground
    ? playground.standIn.workspace.team.id
    : ((await webClient.auth.test()).team_id ?? "T0");
  const poster = countedDigestPoster({ token: botToken, apiUrl: slack.apiUrl }, logger, metrics);
  const digest = await composeDigest(services, {
    team,
    slack: { poster },
    ...(playground && config.digest.channels.length === 0 ? { fileChannels: playground.digestChannels } : {}),
  });
  digestFeature = digest;
  registerServiceMetrics(metrics, services, () => digest.sourceFailures());
  const { journalClub, weekly, features } = await composeSlackFeatures(services, {
    team,
    slack: { token: botToken, apiUrl: slack.apiUrl },
    poster,
    digest,
    webClient,
    logger,
    metrics,
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.llmActionsPerUserPerHour !== undefined
      ? { llmActionsPerUserPerHour: overrides.llmActionsPerUserPerHour }
      : {}),
  });
  // HTTP mode builds the Bolt app on Slack's first request; Socket Mode builds and connects it in start().
  const slackApp = lazySlackApp({
    mode,
    botToken,
    apiUrl: slack.apiUrl,
    features,
    ...(overrides.slackRetries !== undefined ? { retryConfig: { retries: overrides.slackRetries } } : {}),
    ...(overrides.slackTimeoutMs !== undefined ? { timeoutMs: overrides.slackTimeoutMs } : {}),
    ...(overrides.workLimit ? { workLimit: overrides.workLimit } : {}),
    ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
    ...(slack.appToken ? { appToken: slack.appToken } : {}),
  });
  const server = await startHttpServer({
    host: config.host,
    port: config.port,
    logger,
    metrics,
    ...(slackApp.requestListener ? { slackListener: slackApp.requestListener } : {}),
    // In the playground, the bot's own address leads to the page.
    ...(playground ? { extraRoutes: playground.homeRoute } : {}),
    checkHealth: () => checkServicesHealth(services),
    isReady: () => ready,
    metricsHere: config.metricsPort === undefined ? "loopback" : "none",
  }).catch(async (error: unknown) => {
    await playground?.standIn.close();
    await services.close();
    throw explainListenError(error, config.port, "PORT");
  });
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer({ host: config.host, port: config.metricsPort, metrics, logger });
  playground?.standIn.setAppUrl(`${server.url}/slack/events`);
  await slackApp.start();
  // The playground starts its schedule once it has papers and its first digest (fillPlayground).
  if (!playground) await digest.scheduler.start();
  await journalClub.scheduler.start();
  await weekly.scheduler.start();
  markReady();
  logger.info({ url: server.url, mode: config.mode }, "paperboy is running");
  // A long-running bot backfills the vectors an existing index lacks, in the background once it answers: even
  // finding that none are missing reads every paper (≈50 ms on 75k), which held up /readyz when run at start.
  if (config.searchWorkers > 0)
    services.index
      .embedPending()
      .catch((error: Error) => logger.warn({ err: error.message }, "embedding papers failed"));

  return {
    url: server.url,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    services,
    journalClub,
    weekly,
    ...(playground
      ? {
          playground: playground.standIn,
          fillPlayground: (say: (line: string) => void) =>
            playground?.fill({ index: services.index, hf: services.hf, digest, say }),
        }
      : {}),
    async stop() {
      await journalClub.scheduler.stop();
      await digest.scheduler.stop();
      await weekly.scheduler.stop();
      await slackApp.stop();
      await server.close();
      await metricsServer?.close();
      await playground?.standIn.close();
      await services.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    // `.env` fills in what the shell did not set (the shell wins), as .env.example says.
    loadEnvFile();
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
    // Before the playground's fill: `docker stop` may come while it is still ingesting papers.
    let stopping = false;
    const shutdown = async (signal: string) => {
      stopping = true;
      logger.info({ signal }, "shutting down");
      await bot.stop();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    if (bot.playground) {
      process.stdout.write(
        `\npaperboy is running in the local playground (no Slack credentials set).\n` +
          `  Open the workspace:  ${bot.playground.url}/\n` +
          `  Bot:                 ${bot.url}  (/healthz, /metrics)\n\n`,
      );
      try {
        await bot.fillPlayground?.((line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        // Stopped mid-fill: the index it was writing to is closing; shutdown exits with 0.
        if (stopping) return;
        throw error;
      }
      process.stdout.write(`\nReady: open ${bot.playground.url}/ (Ctrl-C stops paperboy)\n`);
    }
  } catch (error) {
    logger.fatal({ err: error }, "paperboy could not start");
    // Coded errors already say what to do; others add their raw message for the operator.
    const detail = error instanceof PaperboyError ? "" : ` (${(error as Error).message})`;
    process.stderr.write(`paperboy could not start: ${userMessage(error)}${detail}\n`);
    process.exit(1);
  }
}

// Run when started as a program (`npm start`), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}`) await main();
