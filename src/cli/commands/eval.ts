// `paperboy eval relevance --profiles FILE --corpus FILE [--days N] [--json]`: parses the arguments, prints the evaluation.
import { parseArgs } from "node:util";
import { type CliCommand, UsageError } from "../cli-command.ts";
import { runRelevanceEval } from "../eval-command.ts";

export const evalCommand: CliCommand = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      profiles: { type: "string" },
      corpus: { type: "string" },
      days: { type: "string", default: "20" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals[0] !== "relevance" || positionals.length > 1)
    throw new UsageError("Usage: paperboy eval relevance --profiles FILE --corpus FILE [--days N] [--json]");
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError("--days must be a number from 1 to 365.");
  if (!values.profiles)
    throw new UsageError("Say which profiles to simulate: --profiles bench/relevance-profiles.json");
  if (!values.corpus)
    throw new UsageError("Say which corpus to read: --corpus ../shared/corpus/arxiv-2025-cs.jsonl.gz");
  return {
    output: await runRelevanceEval({
      profiles: values.profiles,
      corpus: values.corpus,
      days,
      json: values.json,
    }),
  };
};
