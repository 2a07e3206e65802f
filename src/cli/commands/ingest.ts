// `paperboy ingest`: parses the ingest arguments and runs the ingest with progress on stderr.
import { parseArgs } from "node:util";
import { type CliCommand, UsageError } from "../cli-command.ts";
import { type IngestOptions, runIngestCommand } from "../ingest-command.ts";

export const ingest: CliCommand = async (args, services) => {
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
};

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
