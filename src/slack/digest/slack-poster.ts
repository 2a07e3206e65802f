// The digest's edge to Slack: post a message, read history page by page; pacing, Retry-After and 5xx backoff live here.
import { setTimeout as wait } from "node:timers/promises";
import type { KnownBlock } from "@slack/types";
import * as webApi from "@slack/web-api";
import pLimit from "p-limit";
import { PaperboyError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { createKeyedQueue } from "../../state/keyed-queue.ts";

/** A message in a channel's history, as much of it as crash recovery needs. */
export interface HistoryMessage {
  ts: string;
  text?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** One page of a channel's history, newest first, and the cursor of the next (older) page when there is one. */
export interface HistoryPage {
  messages: HistoryMessage[];
  nextCursor?: string;
}

/** A scheduled post (a digest, a weekly roundup): blocks, fallback text and the metadata recovery finds it by. */
export interface ScheduledMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: { event_type: string; event_payload: Record<string, unknown> };
}

/** What the digest needs from Slack; the real one is `createSlackPoster`, tests may pass any other. */
export interface SlackPoster {
  /** Posts to `channel`; resolves with the message ts. Throws `SlackDeliveryError` when it gives up. */
  postMessage(channel: string, message: ScheduledMessage): Promise<{ ts: string }>;
  /**
   * ONE `conversations.history` call (with metadata): a page of the messages newer than `oldest` (epoch
   * seconds), the newest first; pass the returned `nextCursor` to get the next, older page.
   */
  history(channel: string, oldest: string, cursor?: string): Promise<HistoryPage>;
}

/**
 * A post that failed. `notPosted` is true only when Slack certainly did not store the message (it refused
 * it or rate-limited it); after a timeout or a dropped connection it may have, and the next run checks.
 */
export class SlackDeliveryError extends PaperboyError {
  readonly notPosted: boolean;
  constructor(detail: string, notPosted: boolean, cause?: unknown) {
    super("slack_api", detail, { cause });
    this.notPosted = notPosted;
  }
}

export interface SlackPosterOptions {
  /** Built by `createDigestWebClient` (no SDK retries, rate-limited calls rejected) or configured the same way. */
  client: InstanceType<typeof webApi.WebClient>;
  logger: Logger;
  /** Web API calls in flight at once across all channels (the global bound). Default 8. */
  maxConcurrent?: number;
  /** Minimum gap from the end of one post to a channel to the start of the next: Slack allows about one a second. Default 1000. */
  perChannelIntervalMs?: number;
  /** How many 429s one post waits out (each for its Retry-After) before giving up. Default 8. */
  maxRateLimitWaits?: number;
  /**
   * Most time one call spends waiting on Retry-After in total; beyond it the post gives up (as not posted)
   * and the scheduler retries later. Keep it well under runDigest's lock ttl (10 min). Default 5 min.
   */
  maxRateLimitWaitMs?: number;
  /** Retries after a 5xx, with exponential backoff from `backoffMs`. Default 3, 500 ms. */
  maxServerErrorRetries?: number;
  backoffMs?: number;
  /**
   * `conversations.history` page size. 15 is the most Slack allows apps outside the Marketplace (since
   * 2025); Marketplace and internal apps may ask for up to 999 and page less often.
   * https://docs.slack.dev/reference/methods/conversations.history Default 15.
   */
  historyLimit?: number;
}

/** Counters for metrics and the bench. */
export interface SlackPosterStats {
  posted: number;
  rateLimited: number;
  serverErrors: number;
  historyCalls: number;
}

/**
 * A WebClient for the digest: `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true`, so the SDK
 * neither pauses its whole queue on one channel's 429 nor retries for 30 minutes; the poster decides instead.
 */
export function createDigestWebClient(options: { token: string; slackApiUrl?: string; timeoutMs?: number }) {
  return new webApi.WebClient(options.token, {
    slackApiUrl: options.slackApiUrl ?? "https://slack.com/api/",
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/**
 * The real poster over @slack/web-api. Each channel is paced to one post per `perChannelIntervalMs`; a 429
 * makes only that channel wait its Retry-After (no permit is held while waiting, so other channels carry
 * on); 5xx answers are retried with backoff; anything else fails that one post.
 */
export function createSlackPoster(options: SlackPosterOptions): SlackPoster & { stats(): SlackPosterStats } {
  const { client, logger } = options;
  const gate = pLimit(Math.max(1, Math.floor(options.maxConcurrent ?? 8)));
  const interval = options.perChannelIntervalMs ?? 1_000;
  const maxWaits = options.maxRateLimitWaits ?? 8;
  const maxWaitMs = options.maxRateLimitWaitMs ?? 5 * 60_000;
  const maxServerRetries = options.maxServerErrorRetries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const nextSlot = new Map<string, number>();
  const turns = createKeyedQueue();
  const stats: SlackPosterStats = { posted: 0, rateLimited: 0, serverErrors: 0, historyCalls: 0 };

  /**
   * Runs `request` for a channel: one post per channel at a time, starting at least `interval` after the
   * previous one to that channel *finished* (so Slack saw them at least that far apart, whatever the
   * network did), holding one global permit only while the request is in flight. A channel waiting for its
   * turn or for Retry-After holds no permit, so it never blocks or delays other channels.
   */
  function paced<T>(channel: string, request: () => Promise<T>): Promise<T> {
    return turns(channel, async () => {
      const wait = (nextSlot.get(channel) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await gate(request);
      } finally {
        nextSlot.set(channel, Math.max(nextSlot.get(channel) ?? 0, Date.now() + interval));
      }
    });
  }

  async function call<T>(
    channel: string,
    what: string,
    pace: boolean,
    request: () => Promise<T>,
  ): Promise<T> {
    let rateLimitWaits = 0;
    let waitedMs = 0;
    let serverRetries = 0;
    for (;;) {
      try {
        return await (pace ? paced(channel, request) : gate(request));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === webApi.ErrorCode.RateLimitedError) {
          stats.rateLimited++;
          const retryAfter = (error as { retryAfter: number }).retryAfter;
          waitedMs += retryAfter * 1000;
          if (rateLimitWaits++ >= maxWaits || waitedMs > maxWaitMs) {
            throw new SlackDeliveryError(
              `${what} in ${channel} was rate-limited ${rateLimitWaits} times (Retry-After ${retryAfter} s).`,
              true,
              error,
            );
          }
          logger.debug({ channel, retryAfter }, "slack rate-limited; waiting Retry-After");
          if (pace)
            nextSlot.set(channel, Math.max(nextSlot.get(channel) ?? 0, Date.now() + retryAfter * 1000));
          else await sleep(retryAfter * 1000);
          continue;
        }
        if (code === webApi.ErrorCode.HTTPError && (error as { statusCode: number }).statusCode >= 500) {
          stats.serverErrors++;
          if (serverRetries++ < maxServerRetries) {
            await sleep(backoffMs * 2 ** (serverRetries - 1));
            continue;
          }
          // A 5xx may in principle follow a stored message; let the ledger's history check decide.
          throw new SlackDeliveryError(
            `${what} in ${channel} kept failing with a server error.`,
            false,
            error,
          );
        }
        if (code === webApi.ErrorCode.PlatformError) {
          const slackError = (error as { data?: { error?: string } }).data?.error ?? "unknown";
          throw new SlackDeliveryError(`${what} in ${channel} was refused: ${slackError}.`, true, error);
        }
        // Timeouts and dropped connections: Slack may or may not have the message.
        throw new SlackDeliveryError(
          `${what} in ${channel} failed: ${(error as Error).message}`,
          false,
          error,
        );
      }
    }
  }

  return {
    async postMessage(channel, message) {
      const result = await call(channel, "Posting the digest", true, () =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          // The SDK's type allows only object arrays in a payload; Slack stores string arrays as sent.
          metadata: message.metadata as unknown as webApi.ChatPostMessageArguments["metadata"],
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      if (!result.ts) throw new SlackDeliveryError(`Slack returned no ts for the post in ${channel}.`, false);
      stats.posted++;
      return { ts: result.ts };
    },
    async history(channel, oldest, cursor) {
      stats.historyCalls++;
      const result = await call(channel, "Reading history", false, () =>
        client.conversations.history({
          channel,
          oldest,
          include_all_metadata: true,
          limit: options.historyLimit ?? 15,
          ...(cursor ? { cursor } : {}),
        }),
      );
      // A next_cursor comes only while there is more; an empty one ends the listing.
      // https://docs.slack.dev/apis/web-api/pagination
      const nextCursor = result.response_metadata?.next_cursor;
      return {
        messages: (result.messages ?? []) as HistoryMessage[],
        ...(nextCursor ? { nextCursor } : {}),
      };
    },
    stats: () => ({ ...stats }),
  };
}

/** Resolves after `ms` (unref'd, so a pending wait never keeps the process alive). */
function sleep(ms: number): Promise<void> {
  return wait(Math.max(0, ms), undefined, { ref: false });
}
