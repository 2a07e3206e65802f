// `/papers settings|schedule|topics|exclude|digest …` in Slack: routes settings, runs digests on demand, says what happened.
import type { KnownBlock } from "@slack/types";
import type { ChannelConfig } from "../../config/channel-config.ts";
import { countExclusionsToday } from "../../digest/exclusions-today.ts";
import { type DigestDeps, type DigestRun, runDigest } from "../../digest/run-digest.ts";
import { longDate } from "../../digest/zoned-time.ts";
import { fitToSlackLimits } from "../blocks/fit-to-slack-limits.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import type { PapersRequest } from "../commands/parse-papers-command.ts";
import { answerFollowRequest } from "./follow-command.ts";
import { renderDigestMessage } from "./render-digest-message.ts";
import { answerRepeatsRequest } from "./repeats-command.ts";
import { applySettingsCommand } from "./settings-command.ts";

/** The `/papers` requests the digest feature answers. */
export type DigestRequest = Extract<
  PapersRequest,
  { kind: "settings" | "schedule" | "topics" | "exclude" | "digest" | "follow" }
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
}): Promise<SlackMessage> {
  const { deps, channel, request } = args;
  const now = args.now ?? new Date();
  const { settings } = deps;
  if (request.kind === "follow") return answerFollowRequest({ settings, channel, request });
  if (request.kind === "settings") {
    const exclusionsToday = (config: ChannelConfig) => countExclusionsToday(deps, config, now);
    return applySettingsCommand({ settings, channel, request, now, exclusionsToday });
  }
  if (request.kind !== "digest") return applySettingsCommand({ settings, channel, request, now });
  if (request.action === "fill") return applySettingsCommand({ settings, channel, request, now });
  if (request.action === "repeats")
    return answerRepeatsRequest({ settings, channel, repeats: request.repeats });
  const { action } = request;
  if (action === "preview" || action === "now") return handleDigestCommand({ deps, channel, action, now });
  return applySettingsCommand({ settings, channel, request: { kind: "digest", action }, now });
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
}): Promise<SlackMessage> {
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

function notice(text: string): SlackMessage {
  const safe = escapeText(text);
  return { text: safe, blocks: [{ type: "section", text: { type: "mrkdwn", text: safe } }] };
}
