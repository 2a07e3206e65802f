// The port through which Slack reaches the digest feature: channel settings commands and on-demand digests.

import type { SlackMessage } from "../blocks/paper-card.ts";
import type { PapersRequest } from "../commands/parse-papers-command.ts";

/** The `/papers` requests that belong to a channel's digest. */
export type DigestRequest = Extract<
  PapersRequest,
  { kind: "settings" | "schedule" | "topics" | "exclude" | "digest" }
>;

export interface ChannelDigests {
  /** Applies a settings edit or digest action for `channel`; returns the reply as safe mrkdwn: the digest module has already escaped any user input in it, so it is sent as it is. */
  handle(
    request: DigestRequest,
    where: { team: string; channel: string; user: string },
  ): Promise<SlackMessage>;
  /** Every channel's digest settings for the App Home tab, as safe mrkdwn (channel links, bold). */
  describeForHome(): Promise<string>;
}
