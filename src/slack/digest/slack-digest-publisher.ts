// Publishes digests to Slack: renders them as Block Kit, posts with the poster, and finds a crashed run's post in history.
import type { DigestPublisher, PeriodPublisher, PostedDigest } from "../../digest/digest-publisher.ts";
import { DIGEST_EVENT_TYPE, type DigestMessage, renderDigestMessage } from "./render-digest-message.ts";
import type { HistoryMessage, ScheduledMessage, SlackPoster } from "./slack-poster.ts";

/** A crashed run's post comes after its claim; the margin also covers our clock running ahead of Slack's. */
const CLAIM_MARGIN_MS = 60_000;
/** The most messages crash recovery reads back; beyond it the check gives up rather than paging on. */
export const HISTORY_SCAN_MAX_MESSAGES = 1_000;

/** The digest publisher over a Slack poster (the real one, or a test's wrapper around it). */
export function createSlackDigestPublisher(poster: SlackPoster): DigestPublisher<DigestMessage> {
  return createSlackPeriodPublisher(poster, renderDigestMessage, {
    eventType: DIGEST_EVENT_TYPE,
    field: "date",
  });
}

/**
 * A period publisher over the poster for messages whose metadata carries `eventType` and the period in
 * `field` (the digest's `date`, the roundup's `week`): posts them, and finds one again after a crash.
 */
export function createSlackPeriodPublisher<Content, Post extends ScheduledMessage>(
  poster: SlackPoster,
  render: (content: Content) => Post | undefined,
  marker: { eventType: string; field: string },
): PeriodPublisher<Content, Post> {
  return {
    render,
    publish: (channel, message) => poster.postMessage(channel, message),
    findPosted: (channel, period, claimedAt, budgetMs) =>
      findPostedByMetadata(
        poster,
        channel,
        { event_type: marker.eventType, [marker.field]: period },
        claimedAt,
        budgetMs,
      ),
  };
}

/**
 * Looks for a post by its message metadata (`event_type` and payload fields: the digest's `date`, the
 * roundup's `week`, the journal club's `occurrence`) among every message posted to the channel since shortly before the
 * interrupted claim, paging back with the cursor (newest first, so the digest, posted right after the
 * claim, is near the end), up to `HISTORY_SCAN_MAX_MESSAGES` messages and `budgetMs` (a quarter of the
 * run's lock lease: for non-Marketplace apps Slack serves 15 messages a call and one call a minute, and the
 * run must finish well before another instance may take the lock over).
 *
 * Conservative means: when unsure, do not post. A failed or rate-limited history call, or a scan that
 * stops at a limit before reaching the claim, throws; the run fails and the entry stays `claimed`, so the
 * next sweep checks again, and the day's digest is lost only if no check completes within the grace
 * window. We prefer that to the alternative: a second digest is seen by the whole channel and breaks the
 * exactly-once promise, while a lost one needs a crash mid-post *and* a history that stays unreadable.
 */
export async function findPostedByMetadata(
  poster: SlackPoster,
  channel: string,
  wanted: { event_type: string; [field: string]: string },
  claimedAt: string,
  budgetMs: number,
): Promise<PostedDigest | undefined> {
  const { event_type: eventType, ...fields } = wanted;
  const match = await findPostedMessage(
    poster,
    channel,
    claimedAt,
    budgetMs,
    (message) =>
      message.metadata?.event_type === eventType &&
      Object.entries(fields).every(([field, value]) => message.metadata?.event_payload?.[field] === value),
  );
  if (!match) return undefined;
  const ids = match.metadata?.event_payload?.paper_ids;
  return { ts: match.ts, paperIds: Array.isArray(ids) ? ids.map(String) : [] };
}

/**
 * The history scan behind `findPostedByMetadata`: the first message since shortly before `claimedAt` that
 * `matches`, undefined when every message since was read and none does; throws when it cannot read that far.
 */
async function findPostedMessage(
  poster: SlackPoster,
  channel: string,
  claimedAt: string,
  budgetMs: number,
  matches: (message: HistoryMessage) => boolean,
): Promise<HistoryMessage | undefined> {
  const oldest = ((Date.parse(claimedAt) - CLAIM_MARGIN_MS) / 1000).toFixed(6);
  const stopAt = Date.now() + budgetMs;
  let cursor: string | undefined;
  let read = 0;
  for (;;) {
    const page = await poster.history(channel, oldest, cursor);
    read += page.messages.length;
    const match = page.messages.find(matches);
    if (match) return match;
    // No further page: every message since the claim was read, so the interrupted run did not post.
    if (!page.nextCursor) return undefined;
    if (read >= HISTORY_SCAN_MAX_MESSAGES || Date.now() >= stopAt) {
      throw new Error(
        `could not read back to the interrupted run in ${channel}'s history (${read} newer messages read), so nothing was posted rather than risk posting twice`,
      );
    }
    cursor = page.nextCursor;
  }
}
