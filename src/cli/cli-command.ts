// The shape of one `paperboy` subcommand, and the error it throws for arguments it cannot use.
import type { Services } from "../services.ts";

/** Runs with the subcommand's arguments over the app's services; returns what to print and the exit code. */
export type CliCommand = (
  args: string[],
  services: Services,
) => Promise<{ output: string; exitCode?: number }>;

/** Arguments the subcommand cannot use: the message is printed as it is. */
export class UsageError extends Error {}
