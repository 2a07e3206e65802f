// `paperboy digest`: composes (and without --dry-run posts) a channel's digest for the right workspace.
import { parseArgs } from "node:util";
import { WebClient } from "@slack/web-api";
import { composeDigest } from "../../compose.ts";
import { checkTeamId, chooseDigestTeam, NO_TEAM } from "../choose-digest-team.ts";
import { type CliCommand, UsageError } from "../cli-command.ts";
import { type DigestCommandOptions, runDigestCommand } from "../digest-command.ts";

export const digest: CliCommand = async (args, services) => {
  const { values } = parseArgs({
    args,
    options: {
      channel: { type: "string" },
      date: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      team: { type: "string" },
    },
  });
  const dryRun = values["dry-run"];
  const token = services.config.slack.botToken;
  if (values.team !== undefined) checkTeamId(values.team);
  if (!token && !dryRun)
    throw new UsageError("Posting needs SLACK_BOT_TOKEN; use --dry-run to only compose.");
  // Settings and the ledger are keyed by team: without the right one, Slack edits are not seen.
  const { team, note } = await chooseDigestTeam({
    ...(values.team !== undefined ? { team: values.team } : {}),
    ...(token ? { token } : {}),
    dryRun,
    store: services.store,
    lookupTeam: (botToken) => slackTeamId(botToken, services.config.slack.apiUrl),
  });
  if (note) process.stderr.write(`${note}\n`);
  const feature = await composeDigest(services, {
    team,
    slack: { token: token ?? "", apiUrl: services.config.slack.apiUrl },
  });
  const options: DigestCommandOptions = { dryRun, json: values.json };
  if (values.channel) options.channel = values.channel;
  if (values.date) options.date = values.date;
  const output = await runDigestCommand(options, feature.deps);
  return { output, exitCode: /\bfailed\b/.test(output) ? 1 : 0 };
};

/** The workspace's team id, which keys the digest ledger (the bot uses the same). */
async function slackTeamId(token: string, apiUrl: string): Promise<string> {
  const auth = await new WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 1 },
    timeout: 10_000,
  }).auth.test();
  return auth.team_id ?? NO_TEAM;
}
