// Runs one `paperboy` subcommand: builds the services from the environment, prints the result, closes them.
import { loadConfig } from "../config/load-config.ts";
import { loadEnvFile } from "../config/load-env-file.ts";
import { PaperboyError, userMessage } from "../errors.ts";
import { deferredLogger } from "../lazy-logger.ts";
import { createServices, type Services } from "../services.ts";
import { type CliCommand, UsageError } from "./cli-command.ts";

/** Returns the process exit code; errors become one readable line on stderr. */
export async function runCommand(name: string, command: CliCommand, args: string[]): Promise<number> {
  let services: Services | undefined;
  try {
    loadEnvFile(); // `.env` fills in what the shell did not set, as for `npm start`
    const config = loadConfig(process.env);
    // The CLI's stdout is for results; logs go to stderr and only when something is wrong.
    const logger = deferredLogger(process.env.LOG_LEVEL ?? "error", 2);
    // Opened on first use: `search` and `ingest` never touch the state store.
    services = await createServices(config, logger, { lazyStore: true });
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
