// Looks up which shown papers this channel discussed before, with each thread's permalink (cached), for the cards.
import type { WebClient } from "@slack/web-api";
import { LRUCache } from "lru-cache";
import type { CardDiscussed } from "./blocks/discussed-here-line.ts";
import type { SlackFeatures } from "./slack-features.ts";

/** Where the cards will be shown. */
export interface CardPlace {
  team: string;
  channel: string;
  client: WebClient;
}

// A thread's permalink never changes; one cache per app (a test's stand-in has its own URL), bounded.
const permalinkCaches = new WeakMap<SlackFeatures, LRUCache<string, string>>();
const PERMALINKS_KEPT = 5_000;
const PERMALINK_TTL_MS = 24 * 60 * 60 * 1000;

function permalinkCache(features: SlackFeatures): LRUCache<string, string> {
  let cache = permalinkCaches.get(features);
  if (!cache) {
    cache = new LRUCache({ max: PERMALINKS_KEPT, ttl: PERMALINK_TTL_MS });
    permalinkCaches.set(features, cache);
  }
  return cache;
}

/** The permalink of a message, from the cache or `chat.getPermalink`; undefined when Slack cannot say. */
export async function threadPermalink(
  features: SlackFeatures,
  place: CardPlace,
  ts: string,
): Promise<string | undefined> {
  const cache = permalinkCache(features);
  const key = `${place.team}:${place.channel}:${ts}`;
  const cached = cache.get(key);
  if (cached) return cached;
  try {
    const answer = await place.client.chat.getPermalink({ channel: place.channel, message_ts: ts });
    if (answer.permalink) cache.set(key, answer.permalink);
    return answer.permalink;
  } catch (error) {
    features.logger.warn({ err: error, channel: place.channel, ts }, "chat.getPermalink failed");
    return undefined;
  }
}

/**
 * "Discussed here" for each of `paperIds` this channel has a thread for. A failing store or Slack call
 * leaves the cards without the line (or without the link); it never fails the answer.
 */
export async function discussedHere(
  features: SlackFeatures,
  place: CardPlace | undefined,
  paperIds: string[],
): Promise<Map<string, CardDiscussed>> {
  const lines = new Map<string, CardDiscussed>();
  if (!place?.channel || paperIds.length === 0) return lines;
  try {
    const [found, timeZone] = await Promise.all([
      features.discussions.discussedHere({ team: place.team, channel: place.channel, paperIds }),
      features.digests.timezone(place.channel),
    ]);
    await Promise.all(
      [...found].map(async ([paperId, thread]) => {
        const permalink = await threadPermalink(features, place, thread.ts);
        lines.set(paperId, {
          startedAt: thread.startedAt,
          replies: thread.replies,
          timeZone,
          ...(permalink ? { permalink } : {}),
        });
      }),
    );
  } catch (error) {
    features.logger.warn({ err: error, channel: place.channel }, "discussed-here lookup failed");
  }
  return lines;
}
