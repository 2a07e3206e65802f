// The `paperboy` command: ingest, search, summarize, digest and doctor, over the same services as the bot.
import { parseArgs } from "node:util";
import { WebClient } from "@slack/web-api";
import { checkTeamId, chooseDigestTeam, NO_TEAM } from "./cli/choose-digest-team.ts";
import { type DigestCommandOptions, runDigestCommand } from "./cli/digest-command.ts";
import { formatChecks, runDoctorChecks } from "./cli/doctor-command.ts";
import { type IngestOptions, runIngestCommand } from "./cli/ingest-command.ts";
import { runSearchCommand } from "./cli/search-command.ts";
import { loadConfig } from "./config/load-config.ts";
import { PaperboyError, userMessage } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { createServices, type Services } from "./services.ts";
import { createDigestFeature } from "./slack/digest/digest-feature.ts";
import { runSummarizeCommand } from "./summaries/summarize-command.ts";

const USAGE = `Usage: paperboy <command> [options]

  ingest --file PATH                       load a Hugging Face JSON array or JSON Lines file (.gz or not)
  ingest [--source hf|arxiv] [--date YYYY-MM-DD | --days N] [--category cs.LG …]
                                           load papers from Hugging Face or arXiv
  search "QUERY" [--limit N] [--json] [--local]
                                           best matches first; --local skips Hugging Face and arXiv
  summarize <id|url> [--json]              a paper's summary, and whether it came from the cache, the LLM or a fallback
  digest [--channel ID] [--date YYYY-MM-DD] [--dry-run] [--json] [--team T0123ABCD]
                                           compose (and without --dry-run, post) a channel's digest;
                                           --team picks the workspace whose Slack-edited settings are used
                                           without SLACK_BOT_TOKEN (default: the only one that has any)
  doctor                                   check configuration, storage, Slack, LLM and sources

Configuration comes from the environment (see .env.example).`;

type Command = (args: string[], services: Services) => Promise<{ output: string; exitCode?: number }>;

const commands: Record<string, Command> = {
  ingest: async (args, services) => {
    const { values } = parseArgs({
      args,
      options: {
        file: { type: "string" },
        source: { type: "string", default: "hf" },
        date: { type: "string" },
        days: { type: "string" },
        category: { type: "string", multiple: true, default: [] },
      },
    });
    if (values.source !== "hf" && values.source !== "arxiv")
      throw new UsageError("--source must be hf or arxiv.");
    const options: IngestOptions = {
      source: values.source,
      dates: ingestDates(values.date, values.days),
      categories: values.category,
      progress: process.stderr.isTTY === true,
    };
    if (values.file) options.file = values.file;
    const log = (line: string) => process.stderr.write(`${line}\n`);
    return { output: await runIngestCommand(options, { ...services, log }) };
  },
  search: async (args, services) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        limit: { type: "string", default: "10" },
        json: { type: "boolean", default: false },
        local: { type: "boolean", default: false },
      },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new UsageError("--limit must be a number from 1 to 100.");
    const query = positionals.join(" ");
    if (!query.trim()) throw new UsageError('Say what to search for: paperboy search "regularization"');
    return {
      output: await runSearchCommand(services.search, {
        query,
        limit,
        json: values.json,
        local: values.local,
      }),
    };
  },
  summarize: async (args, services) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false } },
    });
    const output = await runSummarizeCommand({
      ref: positionals.join(" "),
      json: values.json,
      deps: {
        summarizer: services.summarizer,
        lookupPaper: async (id) => (await services.search.lookup(id)).paper,
      },
    });
    return { output };
  },
  digest: async (args, services) => {
    const { values } = parseArgs({
      args,
      options: {
        channel: { type: "string" },
        date: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        team: { type: "string" },
      },
    });
    const dryRun = values["dry-run"];
    const token = services.config.slack.botToken;
    if (values.team !== undefined) checkTeamId(values.team);
    if (!token && !dryRun)
      throw new UsageError("Posting needs SLACK_BOT_TOKEN; use --dry-run to only compose.");
    // Settings and the ledger are keyed by team: without the right one, Slack edits are not seen.
    const { team, note } = await chooseDigestTeam({
      ...(values.team !== undefined ? { team: values.team } : {}),
      ...(token ? { token } : {}),
      dryRun,
      store: services.store,
      lookupTeam: (botToken) => slackTeamId(botToken, services.config.slack.apiUrl),
    });
    if (note) process.stderr.write(`${note}\n`);
    const digest = createDigestFeature({
      store: services.store,
      fileChannels: services.config.digest.channels,
      graceHours: services.config.digest.graceHours,
      team,
      slack: { token: token ?? "", apiUrl: services.config.slack.apiUrl },
      hf: services.hf,
      arxiv: services.arxivFeed,
      index: services.index,
      summarizer: services.summarizer,
      logger: services.logger,
    });
    const options: DigestCommandOptions = { dryRun, json: values.json };
    if (values.channel) options.channel = values.channel;
    if (values.date) options.date = values.date;
    const output = await runDigestCommand(options, digest.deps);
    return { output, exitCode: /\bfailed\b/.test(output) ? 1 : 0 };
  },
  doctor: async (_args, services) => {
    const checks = await runDoctorChecks(services);
    return { output: formatChecks(checks), exitCode: checks.every((c) => c.ok) ? 0 : 1 };
  },
};

class UsageError extends Error {}

/** The workspace's team id, which keys the digest ledger (the bot uses the same). */
async function slackTeamId(token: string, apiUrl: string): Promise<string> {
  const auth = await new WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 1 },
    timeout: 10_000,
  }).auth.test();
  return auth.team_id ?? NO_TEAM;
}

/** `--date D` is one day; `--days N` is the N days up to today (UTC). */
function ingestDates(date: string | undefined, days: string | undefined): string[] {
  if (date && days) throw new UsageError("Use --date or --days, not both.");
  if (date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new UsageError("--date must be a day like 2026-11-27.");
    }
    return [date];
  }
  if (days) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 90)
      throw new UsageError("--days must be a number from 1 to 90.");
    const today = Date.now();
    return Array.from({ length: n }, (_, i) =>
      new Date(today - i * 86_400_000).toISOString().slice(0, 10),
    ).reverse();
  }
  return [];
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  let services: Services | undefined;
  try {
    const config = loadConfig(process.env);
    // The CLI's stdout is for results; logs go to stderr and only when something is wrong.
    const logger = createLogger(process.env.LOG_LEVEL ?? "error", 2);
    services = await createServices(config, logger);
    const { output, exitCode = 0 } = await command(args, services);
    process.stdout.write(`${output}\n`);
    return exitCode;
  } catch (error) {
    const readable =
      error instanceof UsageError || error instanceof TypeError || error instanceof PaperboyError;
    process.stderr.write(`paperboy ${name}: ${readable ? (error as Error).message : userMessage(error)}\n`);
    if (!readable) process.stderr.write(`(details: ${(error as Error).message})\n`);
    return 1;
  } finally {
    await services?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
