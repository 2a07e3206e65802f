// Reads the environment and the optional config file into one typed Config, or throws once listing every problem.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { PaperboyError } from "../errors.ts";
import { lazySchema } from "../lazy-zod.ts";
import { type ChannelConfig, channelConfigSchema } from "./channel-config.ts";

export interface Config {
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
  };
  /** How the bot meets Slack: a real workspace over HTTP or Socket Mode, or the local playground. */
  mode: "http" | "socket" | "playground";
  port: number;
  /** Where the local Slack stand-in listens in playground mode (PLAYGROUND_PORT, default PORT+1; 0 picks a free one). */
  playgroundPort: number;
  /** Interface the HTTP server binds; the playground and /metrics are for the operator. */
  host: string;
  llm: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number; embeddingModel?: string };
  /** `PAPERBOY_EMBEDDINGS=off`: no vectors at all (no term vectors loaded, similar papers by words only). */
  embeddingsOff?: boolean;
  sources: {
    hfApiUrl: string;
    arxivApiUrl: string;
    arxivRssUrl: string;
    /** Where a paper's arXiv HTML full text is read (`{base}/{id}`) for thread answers. */
    arxivHtmlUrl: string;
    remoteSearchTimeoutMs: number;
  };
  dataDir: string;
  /** Search workers (worker threads) that run index searches for the bot, so a burst leaves Slack's acks alone. */
  searchWorkers: number;
  storeUrl?: string;
  configPath?: string;
  logLevel: string;
  digest: { channels: ChannelConfig[]; graceHours: number };
  /** METRICS_PORT: /metrics on its own port (any caller), so the port Slack reaches never exposes it. */
  metricsPort?: number;
}

/** The config file's schema, built only when there is a config file (zod takes ≈100 ms to load). */
const configFileSchema = lazySchema((z) =>
  z.object({
    digest: z
      .object({
        channels: z.array(channelConfigSchema()).default([]),
        graceHours: z.number().min(0).max(24).default(6),
      })
      .default({ channels: [], graceHours: 6 }),
  }),
);

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Builds the Config from `env` (default: process.env, read only by the caller in main.ts/cli.ts)
 * and the config file it names. Throws a `bad_config` PaperboyError listing every problem and its fix.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const botToken = value("SLACK_BOT_TOKEN");
  const signingSecret = value("SLACK_SIGNING_SECRET");
  const appToken = value("SLACK_APP_TOKEN");
  if (botToken && !botToken.startsWith("xoxb-"))
    problems.push("SLACK_BOT_TOKEN must be a bot token starting with xoxb-.");
  if (appToken && !appToken.startsWith("xapp-"))
    problems.push(
      "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens).",
    );
  if (botToken && !appToken && !signingSecret)
    problems.push(
      "Set SLACK_SIGNING_SECRET for HTTP mode (Basic Information → Signing Secret), or SLACK_APP_TOKEN for Socket Mode.",
    );
  if (!botToken && (appToken || signingSecret))
    problems.push("Set SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token).");
  const mode = !botToken ? "playground" : appToken ? "socket" : "http";

  const port = Number(value("PORT") ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, not "${value("PORT")}".`);

  // The stand-in takes the port after the bot's unless told otherwise; PORT=0 (tests) lets both pick a free one.
  const playgroundPort = Number(value("PLAYGROUND_PORT") ?? (port === 0 ? 0 : port + 1));
  if (!Number.isInteger(playgroundPort) || playgroundPort < 0 || playgroundPort > 65535)
    problems.push(
      `PLAYGROUND_PORT must be a port number, not "${value("PLAYGROUND_PORT") ?? playgroundPort}".`,
    );
  else if (playgroundPort === port && port !== 0)
    problems.push(
      `PLAYGROUND_PORT (${playgroundPort}) must differ from PORT, which the bot itself listens on.`,
    );

  const logLevel = value("LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);

  const urls = {
    SLACK_API_URL: value("SLACK_API_URL") ?? "https://slack.com/api/",
    HF_API_URL: value("HF_API_URL") ?? "https://huggingface.co",
    ARXIV_API_URL: value("ARXIV_API_URL") ?? "https://export.arxiv.org/api/query",
    ARXIV_RSS_URL: value("ARXIV_RSS_URL") ?? "https://rss.arxiv.org/rss",
    ARXIV_HTML_URL: value("ARXIV_HTML_URL") ?? "https://arxiv.org/html",
  };
  for (const [name, url] of Object.entries(urls)) {
    if (!URL.canParse(url) || !/^https?:/.test(url))
      problems.push(`${name} must be an http(s) URL, not "${url}".`);
  }
  const openAiBase = value("OPENAI_BASE_URL");
  if (openAiBase && !URL.canParse(openAiBase))
    problems.push(`OPENAI_BASE_URL must be a URL, not "${openAiBase}".`);

  /** A whole-number setting within bounds; a problem (and the default, unused) when it is not. */
  const wholeNumber = (name: string, fallback: number, min: number, max: number, meaning: string) => {
    const raw = value(name);
    const parsed = Number(raw ?? fallback);
    if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    problems.push(`${name} must be a whole number from ${min} to ${max} (${meaning}), not "${raw}".`);
    return fallback;
  };
  const timeouts = {
    llm: wholeNumber("OPENAI_TIMEOUT_MS", 20_000, 1_000, 600_000, "milliseconds"),
    remote: wholeNumber(
      "PAPERBOY_REMOTE_TIMEOUT_MS",
      1_500,
      0,
      60_000,
      "milliseconds; 0 answers from the index alone",
    ),
  };
  // One per core beside the main thread's (at least one: even on one core it keeps acks prompt).
  // PAPERBOY_SEARCH_THREADS is the deprecated name, read when PAPERBOY_SEARCH_WORKERS is not set.
  const searchWorkers = wholeNumber(
    value("PAPERBOY_SEARCH_WORKERS") === undefined && value("PAPERBOY_SEARCH_THREADS") !== undefined
      ? "PAPERBOY_SEARCH_THREADS"
      : "PAPERBOY_SEARCH_WORKERS",
    Math.max(1, Math.min(4, availableParallelism() - 1)),
    0,
    16,
    "0 searches on the main thread",
  );

  const embeddings = value("PAPERBOY_EMBEDDINGS");
  if (embeddings !== undefined && embeddings !== "off" && embeddings !== "words")
    problems.push(`PAPERBOY_EMBEDDINGS must be words (the default) or off, not "${embeddings}".`);

  const storeUrl = value("PAPERBOY_STORE_URL");
  if (storeUrl && !/^(sqlite|redis|rediss|memory):\/\//.test(storeUrl))
    problems.push("PAPERBOY_STORE_URL must start with sqlite://, redis:// or memory://.");

  const explicitConfig = value("PAPERBOY_CONFIG");
  const configPath = explicitConfig
    ? resolve(cwd, explicitConfig)
    : existsSync(resolve(cwd, "paperboy.config.yaml"))
      ? resolve(cwd, "paperboy.config.yaml")
      : undefined;
  const digest = readConfigFile(configPath, Boolean(explicitConfig), problems);

  const metricsPort = value("METRICS_PORT") === undefined ? undefined : Number(value("METRICS_PORT"));
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    problems.push(`METRICS_PORT must be a port number, not "${value("METRICS_PORT")}".`);

  if (problems.length > 0) {
    throw new PaperboyError("bad_config", `\n- ${problems.join("\n- ")}`);
  }

  const config: Config = {
    slack: { apiUrl: urls.SLACK_API_URL },
    mode,
    port,
    playgroundPort,
    host: value("PAPERBOY_HOST") ?? (mode === "http" ? "0.0.0.0" : "127.0.0.1"),
    llm: {
      model: value("OPENAI_MODEL") ?? "gpt-4o-mini",
      timeoutMs: timeouts.llm,
    },
    sources: {
      hfApiUrl: urls.HF_API_URL,
      arxivApiUrl: urls.ARXIV_API_URL,
      arxivRssUrl: urls.ARXIV_RSS_URL,
      arxivHtmlUrl: urls.ARXIV_HTML_URL,
      remoteSearchTimeoutMs: timeouts.remote,
    },
    dataDir: resolve(cwd, value("PAPERBOY_DATA_DIR") ?? "data"),
    searchWorkers,
    logLevel,
    digest,
  };
  if (botToken) config.slack.botToken = botToken;
  if (signingSecret) config.slack.signingSecret = signingSecret;
  if (appToken) config.slack.appToken = appToken;
  const apiKey = value("OPENAI_API_KEY");
  if (apiKey) config.llm.apiKey = apiKey;
  if (openAiBase) config.llm.baseUrl = openAiBase;
  const embeddingModel = value("OPENAI_EMBEDDING_MODEL");
  if (embeddingModel) config.llm.embeddingModel = embeddingModel;
  if (value("PAPERBOY_EMBEDDINGS") === "off") config.embeddingsOff = true;
  if (storeUrl) config.storeUrl = storeUrl;
  if (configPath) config.configPath = configPath;
  if (metricsPort !== undefined) config.metricsPort = metricsPort;
  return config;
}

function readConfigFile(path: string | undefined, required: boolean, problems: string[]): Config["digest"] {
  const empty = { channels: [], graceHours: 6 };
  if (!path) return empty;
  if (!existsSync(path)) {
    if (required) problems.push(`PAPERBOY_CONFIG names ${path}, which does not exist.`);
    return empty;
  }
  let raw: unknown;
  try {
    // yaml takes ≈40 ms to load: required here, so a run without a config file never loads it.
    const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
    raw = parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(`${path} is not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
    return empty;
  }
  const parsed = configFileSchema().safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${path}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
    }
    return empty;
  }
  return parsed.data.digest;
}
