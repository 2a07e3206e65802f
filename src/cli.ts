// The `paperboy` command: reads the subcommand, then loads only that subcommand's code (`--help` loads nothing).
import type { CliCommand } from "./cli/cli-command.ts";

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
  eval relevance --profiles FILE --corpus FILE [--days N] [--json]
                                           simulate channels over N corpus days (default 20): precision@8 of
                                           newest first, topics only and the learning ranker
  doctor                                   check configuration, storage, Slack, LLM and sources
  export [--format bibtex|ris|csl-json] (--channel C0123ABCD [--team T0123ABCD] | --user U0123ABCD) [--out FILE]
                                           the papers discussed in a channel, or a reading list, as a citation file

Configuration comes from the environment (see .env.example).`;

// Each subcommand is imported only when it is the one asked for: the app's modules take far longer to
// load than a command like `--help` takes to run.
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  ingest: async () => (await import("./cli/commands/ingest.ts")).ingest,
  search: async () => (await import("./cli/commands/search.ts")).search,
  summarize: async () => (await import("./cli/commands/summarize.ts")).summarize,
  digest: async () => (await import("./cli/commands/digest.ts")).digest,
  doctor: async () => (await import("./cli/commands/doctor.ts")).doctor,
  eval: async () => (await import("./cli/commands/eval.ts")).evalCommand,
  export: async () => (await import("./cli/commands/export.ts")).exportCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  const [command, { runCommand }] = await Promise.all([load(), import("./cli/run-command.ts")]);
  // The only place the CLI reads the environment; run-command builds the Config from it.
  return runCommand(name, command, args, process.env);
}

process.exitCode = await main(process.argv.slice(2));
