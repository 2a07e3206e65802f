// The port through which Slack reaches the digest feature: channel settings commands and on-demand digests.

import type { SlackMessage } from "./blocks/paper-card.ts";
import type { PapersRequest } from "./commands/parse-papers-command.ts";

/** The `/papers` requests that belong to a channel's digest. */
export type DigestRequest = Extract<
  PapersRequest,
  { kind: "settings" | "schedule" | "topics" | "exclude" | "digest" }
>;

export interface ChannelDigests {
  /** Applies a settings edit or digest action for `channel`; returns what to tell the person (escaped here later). */
  handle(
    request: DigestRequest,
    where: { team: string; channel: string; user: string },
  ): Promise<SlackMessage>;
  /** A summary of every channel's digest settings for the App Home tab (plain text). */
  describeForHome(): Promise<string>;
}
