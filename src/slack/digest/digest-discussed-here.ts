// "Discussed here" for digest cards: the discussions' record of each paper's thread, with its permalink.
import type { webApi } from "@slack/bolt";
import { LRUCache } from "lru-cache";
import type { DiscussedMark } from "../../digest/compose-digest.ts";
import type { Discussions } from "../../discussion/discussions.ts";
import type { Logger } from "../../logger.ts";

const PERMALINKS_KEPT = 2_000;
const PERMALINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Builds `DigestDeps.discussedHere` over the discussions and (for links) a Web API client. */
export function digestDiscussedHere(options: {
  discussions: Pick<Discussions, "discussedHere">;
  team: string;
  client?: InstanceType<typeof webApi.WebClient>;
  logger: Logger;
}): (channel: string, paperIds: string[]) => Promise<Map<string, DiscussedMark>> {
  const permalinks = new LRUCache<string, string>({ max: PERMALINKS_KEPT, ttl: PERMALINK_TTL_MS });
  const permalink = async (channel: string, ts: string): Promise<string | undefined> => {
    const key = `${channel}:${ts}`;
    const known = permalinks.get(key);
    if (known || !options.client) return known;
    try {
      const answer = await options.client.chat.getPermalink({ channel, message_ts: ts });
      if (answer.permalink) permalinks.set(key, answer.permalink);
      return answer.permalink;
    } catch (error) {
      // The line is still worth showing without its link.
      options.logger.warn({ err: error, channel, ts }, "digest: chat.getPermalink failed");
      return undefined;
    }
  };
  return async (channel, paperIds) => {
    const found = await options.discussions.discussedHere({ team: options.team, channel, paperIds });
    const marks = new Map<string, DiscussedMark>();
    for (const [paperId, thread] of found) {
      const link = await permalink(channel, thread.ts);
      marks.set(paperId, {
        startedAt: thread.startedAt,
        replies: thread.replies,
        ...(link ? { permalink: link } : {}),
      });
    }
    return marks;
  };
}
