// Publishes weekly roundups to Slack: Block Kit, the digest's paced poster and history check, permalinks.
import type { WebClient } from "@slack/web-api";
import type { RoundupPublisher } from "../../activity/roundup-publisher.ts";
import { createSlackPeriodPublisher } from "../digest/slack-digest-publisher.ts";
import type { SlackPoster } from "../digest/slack-poster.ts";
import { ROUNDUP_EVENT_TYPE, type RoundupMessage, renderRoundupMessage } from "./render-roundup.ts";

/** Gives a message's permalink (`chat.getPermalink`); the weekly feature passes the app's Web API client. */
export type PermalinkPort = (channel: string, ts: string) => Promise<string | undefined>;

/** The permalink port over a Web API client. */
export function chatPermalink(client: Pick<WebClient, "chat">): PermalinkPort {
  return async (channel, ts) => (await client.chat.getPermalink({ channel, message_ts: ts })).permalink;
}

export function createSlackRoundupPublisher(
  poster: SlackPoster,
  permalink: PermalinkPort,
): RoundupPublisher<RoundupMessage> {
  return {
    ...createSlackPeriodPublisher(poster, renderRoundupMessage, {
      eventType: ROUNDUP_EVENT_TYPE,
      field: "week",
    }),
    threadLink: permalink,
  };
}
