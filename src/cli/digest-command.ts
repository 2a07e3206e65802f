// `npx paperboy digest …`: compose (and post) digests on demand, and print what each run did.
import { type DigestDeps, runDigest } from "../digest/run-digest.ts";
import { describeRun } from "../slack/digest/digest-command.ts";

/** Options of `npx paperboy digest [--channel ID] [--date YYYY-MM-DD] [--dry-run] [--json]`. */
export interface DigestCommandOptions {
  channel?: string;
  date?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * Composes (and without `dryRun` posts, exactly once per channel and date) the digest of one channel or
 * of every enabled channel, and returns what the command prints: one line per channel, or with `json` an
 * array of `{ channel, date, status, ts, paper_ids, unreachable, error, payload }` where `payload` is the
 * `chat.postMessage` body (channel, text, blocks, metadata) or null.
 */
export async function runDigestCommand(
  options: DigestCommandOptions,
  deps: DigestDeps & { now?: () => Date },
): Promise<string> {
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    return `--date must look like 2026-03-30, not "${options.date}".`;
  }
  const now = deps.now?.() ?? new Date();
  const configs = options.channel
    ? [(await deps.settings.view(options.channel)).config]
    : (await deps.settings.list()).filter((config) => config.enabled);
  if (configs.length === 0) {
    return "No digest channels are configured: add digest.channels to the config file, or use `/papers schedule` in Slack.";
  }
  const runs = await Promise.all(
    configs.map((config) =>
      runDigest({
        deps,
        channel: config,
        now,
        dryRun: options.dryRun ?? false,
        ...(options.date ? { date: options.date } : {}),
      }),
    ),
  );
  if (options.json) {
    const rows = runs.map((run) => ({
      channel: run.channel,
      date: run.date,
      status: run.status,
      ts: run.ts ?? null,
      paper_ids: run.paperIds,
      unreachable: run.unreachable,
      error: run.error ?? null,
      payload: run.message ? { channel: run.channel, ...run.message } : null,
    }));
    return JSON.stringify(rows, null, 2);
  }
  const lines: string[] = [];
  for (const run of runs) {
    lines.push(`${run.channel}  ${run.date}  ${run.status.padEnd(14)} ${describeRun(run)}`);
    for (const [rank, entry] of (run.digest?.entries ?? []).entries()) {
      const tldr = entry.tldr ? `\n        ${entry.tldr.text} [${entry.tldr.label}]` : "";
      lines.push(
        `  ${String(rank + 1).padStart(2)}. ${entry.paper.id.padEnd(12)} ${entry.score.toFixed(2)}  ${entry.paper.title}${tldr}`,
      );
    }
  }
  return lines.join("\n");
}
