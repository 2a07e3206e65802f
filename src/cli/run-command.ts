// Runs one `paperboy` subcommand: reads the environment once, builds the parts with compose.ts, prints the result.

import { composeServices, type Services } from "../compose.ts";
import { loadConfig } from "../config/load-config.ts";
import { loadEnvFile } from "../config/load-env-file.ts";
import { PaperboyError, userMessage } from "../errors.ts";
import { deferredLogger } from "../lazy-logger.ts";
import { type CliCommand, UsageError } from "./cli-command.ts";

/**
 * Returns the process exit code; errors become one readable line on stderr. `env` is the process's
 * environment, handed over by cli.ts (with main.ts, the only readers of it); `.env` fills its gaps.
 */
export async function runCommand(
  name: string,
  command: CliCommand,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let services: Services | undefined;
  try {
    loadEnvFile(env); // `.env` fills in what the shell did not set, as for `npm start`
    const config = loadConfig(env);
    // The CLI's stdout is for results; logs go to stderr and only when something is wrong.
    const logger = deferredLogger(env.LOG_LEVEL ?? "error", 2);
    // The state store opens on first use: `search` and `ingest` never touch it.
    services = await composeServices(config, logger, { lazyStore: true });
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
