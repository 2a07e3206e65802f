// Posts the journal club's scheduled messages through the digest's paced poster, and reads them back after a crash.
import type { WebClient } from "@slack/web-api";
import type { JournalClubPublisher } from "../../journal-club/journal-club-publisher.ts";
import { findPostedByMetadata } from "../digest/slack-digest-publisher.ts";
import type { SlackPoster } from "../digest/slack-poster.ts";
import { JC_EVENT_TYPE, renderJcPost } from "./render-jc-posts.ts";

/** The publisher over the digest's poster (pacing, Retry-After, history) and a Web API client for permalinks. */
export function createSlackJcPublisher(poster: SlackPoster, client: WebClient): JournalClubPublisher {
  return {
    publish: (channel, post) => poster.postMessage(channel, renderJcPost(post)),
    findPosted: (channel, occurrence, claimedAt, budgetMs) =>
      findPostedByMetadata(poster, channel, { event_type: JC_EVENT_TYPE, occurrence }, claimedAt, budgetMs),
    async threadUrl(channel, ts) {
      const answer = await client.chat.getPermalink({ channel, message_ts: ts });
      return answer.permalink;
    },
  };
}
