// `paperboy export --format bibtex|ris|csl-json (--channel C… [--team T…] | --user U…) [--out FILE]`.
import { parseArgs } from "node:util";
import { WebClient } from "@slack/web-api";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/format-citations.ts";
import { checkTeamId } from "../choose-digest-team.ts";
import { type CliCommand, UsageError } from "../cli-command.ts";
import { runExportCommand } from "../export-command.ts";

const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

export const exportCommand: CliCommand = async (args, services) => {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: "string", default: "bibtex" },
      channel: { type: "string" },
      user: { type: "string" },
      team: { type: "string" },
      out: { type: "string" },
    },
  });
  const format = EXPORT_FORMATS.find((known) => known === values.format);
  if (!format)
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, not "${values.format}".`);
  if ((values.channel === undefined) === (values.user === undefined))
    throw new UsageError(
      "Say whose papers: --channel C0123ABCD (the papers discussed there) or --user U0123ABCD (a reading list).",
    );
  if (values.user !== undefined && !USER_ID.test(values.user))
    throw new UsageError(`--user must be a Slack user id like U0123ABCD, not "${values.user}".`);
  if (values.channel !== undefined && !CHANNEL_ID.test(values.channel))
    throw new UsageError(`--channel must be a Slack channel id like C0123ABCD, not "${values.channel}".`);
  const scope =
    values.user !== undefined
      ? { kind: "user" as const, user: values.user }
      : {
          kind: "channel" as const,
          team: await teamOf(values.team, services),
          channel: values.channel ?? "",
        };
  return runExportCommand(
    { scope, format: format as ExportFormat, ...(values.out ? { out: values.out } : {}) },
    {
      readingList: services.readingList,
      discussions: services.discussions,
      lookup: async (id) => (await services.search.lookup(id)).paper,
    },
  );
};

/** Discussions are kept per workspace: --team, or the bot token's workspace. */
async function teamOf(team: string | undefined, services: Parameters<CliCommand>[1]): Promise<string> {
  if (team !== undefined) return checkTeamId(team);
  const token = services.config.slack.botToken;
  if (!token) throw new UsageError("Say which workspace with --team T0123ABCD (or set SLACK_BOT_TOKEN).");
  const auth = await new WebClient(token, {
    slackApiUrl: services.config.slack.apiUrl,
    retryConfig: { retries: 1 },
    timeout: 10_000,
  }).auth.test();
  if (!auth.team_id) throw new UsageError("Slack did not say which workspace the token is for; use --team.");
  return auth.team_id;
}
