// The digest's Slack poster wrapped with /metrics counters: digests posted and failed, and its 429s.
import type { Logger } from "../../logger.ts";
import type { Metrics } from "../../server/metrics.ts";
import { createDigestWebClient, createSlackPoster, type SlackPoster } from "./slack-poster.ts";

/**
 * The digest's Slack poster, counting digests posted and failed (and its 429s, which its own client answers
 * without the SDK's retries).
 */
export function countedDigestPoster(
  slack: { token: string; apiUrl: string },
  logger: Logger,
  metrics: Metrics,
): SlackPoster {
  const client = createDigestWebClient({ token: slack.token, slackApiUrl: slack.apiUrl });
  const poster = createSlackPoster({ client, logger });
  metrics.counterFrom(
    "paperboy_digest_slack_rate_limited_total",
    "Digest posts Slack answered with 429 (each waited its Retry-After)",
    () => poster.stats().rateLimited,
  );
  return {
    async postMessage(channel, message) {
      try {
        const posted = await poster.postMessage(channel, message);
        metrics.digestsPosted.inc();
        return posted;
      } catch (error) {
        metrics.digestsFailed.inc();
        throw error;
      }
    },
    history: (channel, oldest, cursor) => poster.history(channel, oldest, cursor),
  };
}
