// What a /papers handler gets: the features, the Web API client, and who asked where.
import type { WebClient } from "@slack/web-api";
import type { SlackMessage } from "../blocks/paper-card.ts";
import type { SlackFeatures } from "../slack-features.ts";

export interface CommandContext {
  features: SlackFeatures;
  client: WebClient;
  user: string;
  channel: string;
  team: string;
}

/** An ephemeral answer for the person who typed the command, or nothing when the handler answered itself. */
export type CommandReply = SlackMessage | undefined;
