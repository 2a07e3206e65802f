// `paperboy search "QUERY" [--limit N] [--json] [--local]`: parses the arguments and prints the matches.
import { parseArgs } from "node:util";
import { type CliCommand, UsageError } from "../cli-command.ts";
import { runSearchCommand } from "../search-command.ts";

export const search: CliCommand = async (args, services) => {
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
};
