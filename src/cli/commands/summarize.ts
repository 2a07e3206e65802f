// `paperboy summarize <id|url> [--json]`: a paper's summary and where it came from.
import { parseArgs } from "node:util";
import type { CliCommand } from "../cli-command.ts";
import { runSummarizeCommand } from "../summarize-command.ts";

export const summarize: CliCommand = async (args, services) => {
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
      lookupPaper: (id) => services.search.lookup(id),
    },
  });
  return { output };
};
