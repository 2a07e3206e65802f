// `/papers digest preview|now` and `npx paperboy digest …`: run the digest on demand and say what happened.
import type { KnownBlock } from "@slack/types";
import type { ChannelConfig } from "../../config/channel-config.ts";
import { dedupeById } from "../../digest/compose-digest.ts";
import { type DigestDeps, type DigestRun, runDigest } from "../../digest/run-digest.ts";
import { findExcludedWord } from "../../digest/text-terms.ts";
import { localParts, longDate } from "../../digest/zoned-time.ts";
import { fitToSlackLimits } from "../blocks/fit-to-slack-limits.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import type { PapersRequest } from "../commands/parse-papers-command.ts";
import type { ExclusionsToday } from "./describe-settings.ts";
import { renderDigestMessage } from "./render-digest-message.ts";
import { applySettingsCommand } from "./settings-command.ts";

/** A reply for the user who typed the command: safe mrkdwn `text` and blocks; send as is (ephemeral). */
export interface DigestCommandReply {
  text: string;
  blocks: KnownBlock[];
}

/** The `/papers` requests the digest feature answers. */
export type DigestRequest = Extract<
  PapersRequest,
  { kind: "settings" | "schedule" | "topics" | "exclude" | "digest" }
>;

/**
 * The one entry point for the Slack command handler: answers `/papers settings`, `schedule …`,
 * `topics …`, `exclude …` and `digest on|off|preview|now` in `channel` with an ephemeral reply (safe
 * mrkdwn: send as is, do not escape again). Bad input gets a message saying what to type; storage
 * failures are thrown for the app's error sink.
 */
export async function answerDigestRequest(args: {
  deps: DigestDeps;
  channel: string;
  request: DigestRequest;
  now?: Date;
}): Promise<DigestCommandReply> {
  const { deps, channel, request } = args;
  const now = args.now ?? new Date();
  const { settings } = deps;
  if (request.kind === "settings") {
    const exclusionsToday = (config: ChannelConfig) => countExclusionsToday(deps, config, now);
    return applySettingsCommand({ settings, channel, request, now, exclusionsToday });
  }
  if (request.kind !== "digest") return applySettingsCommand({ settings, channel, request, now });
  if (request.action === "fill") return applySettingsCommand({ settings, channel, request, now });
  const { action } = request;
  if (action === "preview" || action === "now") return handleDigestCommand({ deps, channel, action, now });
  return applySettingsCommand({ settings, channel, request: { kind: "digest", action }, now });
}

/** How long `/papers settings` waits for today's candidates before answering without the count. */
const EXCLUSIONS_WAIT_MS = 2_500;

/**
 * How many of today's candidates (the channel's local date) the channel's excluded words remove; undefined
 * when it has none, or the sources do not answer in time (the settings are shown without the count).
 */
async function countExclusionsToday(
  deps: DigestDeps,
  config: ChannelConfig,
  now: Date,
): Promise<ExclusionsToday | undefined> {
  if (config.exclude.length === 0) return undefined;
  const date = localParts(now, config.timezone).date;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), EXCLUSIONS_WAIT_MS);
  });
  try {
    const fetched = await Promise.race([deps.candidates.fetch(config.sources, date), timeout]);
    if (!fetched) return undefined;
    const candidates = dedupeById(fetched.papers);
    const removed = candidates.filter((paper) => findExcludedWord(paper, config.exclude) !== undefined);
    return { date, candidates: candidates.length, removed: removed.length };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/papers digest preview` shows the digest this channel would get today, only to the caller (nothing is
 * posted or recorded). `/papers digest now` posts today's digest here now, once: if it was already
 * posted today it says so instead. Both work in a channel whose digest is off (with the defaults shown
 * by `/papers settings`).
 */
export async function handleDigestCommand(args: {
  deps: DigestDeps;
  channel: string;
  action: "preview" | "now";
  now?: Date;
}): Promise<DigestCommandReply> {
  const { deps, channel } = args;
  const now = args.now ?? new Date();
  const { config } = await deps.settings.view(channel);
  if (args.action === "preview") {
    const run = await runDigest({ deps, channel: config, now, dryRun: true });
    const message = run.digest && renderDigestMessage(run.digest);
    if (!message) return notice(`Nothing would be posted for ${longDate(run.date)}: ${emptyReason(run)}`);
    const note: KnownBlock = {
      type: "context",
      elements: [
        { type: "mrkdwn", text: "Preview: only you can see this. `/papers digest now` posts it here." },
      ],
    };
    return { text: message.text, blocks: fitToSlackLimits([note, ...message.blocks]) };
  }
  const run = await runDigest({ deps, channel: config, now });
  return notice(describeRun(run));
}

/** One sentence about a run, for Slack replies and the CLI. */
export function describeRun(run: DigestRun): string {
  const day = longDate(run.date);
  const papers = `${run.paperIds.length} paper${run.paperIds.length === 1 ? "" : "s"}`;
  const down = run.unreachable.length > 0 ? ` (unreachable: ${run.unreachable.join(", ")})` : "";
  switch (run.status) {
    case "posted":
      return `Posted the digest for ${day}: ${papers}${down}.`;
    case "dry_run":
      return run.message
        ? `Would post the digest for ${day}: ${papers}${down}.`
        : `Would post nothing for ${day}${down}.`;
    case "already_posted":
      return `The digest for ${day} was already posted here.`;
    case "recovered":
      return `The digest for ${day} had already been posted (found in the channel's history).`;
    case "skipped":
      return `Nothing to post for ${day}: no new papers, and empty days are set to post nothing${down}.`;
    case "busy":
      return `The digest for ${day} is being posted right now.`;
    case "failed":
      return `Could not post the digest for ${day}: ${run.error ?? "unknown error"}. It will be retried.`;
    case "not_configured":
      return "No digest is configured for this channel: try `/papers schedule 09:00 Europe/Berlin weekdays`.";
  }
}

function emptyReason(run: DigestRun): string {
  return run.digest && run.digest.candidateCount > 0
    ? "every candidate was excluded or already posted, and empty days post nothing."
    : "the sources have no papers for that day, and empty days post nothing.";
}

function notice(text: string): DigestCommandReply {
  const safe = escapeText(text);
  return { text: safe, blocks: [{ type: "section", text: { type: "mrkdwn", text: safe } }] };
}

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
