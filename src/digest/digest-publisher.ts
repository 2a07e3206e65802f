// The port a digest run publishes through: the transport renders, posts and reads back; the core decides when.
import type { Digest } from "./compose-digest.ts";

/** A rendered digest, as the transport will post it; the core only passes it along and returns it. */
export interface DigestPost {
  text: string;
}

/** A digest found already posted: where, and which papers it carried. */
export interface PostedDigest {
  ts: string;
  paperIds: string[];
}

/**
 * What `runDigest` needs from the place digests go (Slack, in `src/slack/digest/`). `publish` throws on
 * failure; an error with `notPosted: true` means the post certainly did not happen (safe to retry without
 * looking), any other error leaves the day to the history check.
 */
export interface DigestPublisher<Post extends DigestPost = DigestPost> {
  /** The message for a composed digest, or undefined when there is nothing to post (an empty day set to skip). */
  render(digest: Digest): Post | undefined;
  publish(channel: string, post: Post): Promise<{ ts: string }>;
  /**
   * Looks for `date`'s digest among what was posted to `channel` since an interrupted run claimed the day at
   * `claimedAt`, spending at most `budgetMs`. Undefined when it certainly was not posted; throws when unsure.
   */
  findPosted(
    channel: string,
    date: string,
    claimedAt: string,
    budgetMs: number,
  ): Promise<PostedDigest | undefined>;
}

/** True for a publish error that says the post certainly did not happen. */
export function certainlyNotPosted(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { notPosted?: unknown }).notPosted === true;
}
