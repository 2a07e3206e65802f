// The port through which Slack reaches the digest feature: channel settings commands and on-demand digests.
import type { DigestDeps } from "../../digest/run-digest.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { describeAllSettings } from "./describe-settings.ts";
import { answerDigestRequest, type DigestRequest } from "./digest-command.ts";

export interface ChannelDigests {
  /** Applies a settings edit or digest action for `channel`; returns the reply as safe mrkdwn: user input in it is already escaped, so it is sent as it is. */
  handle(
    request: DigestRequest,
    where: { team: string; channel: string; user: string },
  ): Promise<SlackMessage>;
  /** Every channel's digest settings for the App Home tab, as safe mrkdwn (channel links, bold) sections joined by blank lines. */
  describeForHome(): Promise<string>;
  /** The channel's time zone (its digest's, else the deployment's default): the day its cards name. */
  timezone(channel: string): Promise<string>;
}

/** The channel digests over the digest deps. */
export function createChannelDigests(deps: DigestDeps, now: () => Date = () => new Date()): ChannelDigests {
  return {
    handle: (request, where) =>
      answerDigestRequest({
        // The deployment's team (auth.test) keys the settings and the ledger the scheduler uses. A command's
        // team id can differ (an org-wide Enterprise Grid install hears several workspaces), and
        // `digest now` must find the same ledger entry as the scheduled run.
        deps: { ...deps, team: deps.team ?? where.team },
        channel: where.channel,
        request,
        now: now(),
      }),
    async describeForHome() {
      const sections = await describeAllSettings(deps.settings, now());
      return sections.length > 0
        ? sections.join("\n\n")
        : "No channel has a daily digest yet. In a channel, type `/papers schedule 09:00 Europe/Berlin weekdays`.";
    },
    async timezone(channel) {
      return (await deps.settings.view(channel)).config.timezone;
    },
  };
}
