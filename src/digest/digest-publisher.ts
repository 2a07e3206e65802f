// The port once-per-period posts (the digest first) go out through: the transport renders, posts and reads back.
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
 * The port every once-per-period post goes out through (the digest, the weekly roundup; the journal club
 * without `render`), implemented in `src/slack/`. `publish` throws on failure; an error with
 * `notPosted: true` means the post certainly did not happen (safe to retry without looking), any other
 * error leaves the period to the history check.
 */
export interface PeriodPublisher<Content, Post> {
  /** The message for what was composed, or undefined when there is nothing to post (a quiet period set to skip). */
  render(content: Content): Post | undefined;
  publish(channel: string, post: Post): Promise<{ ts: string }>;
  /**
   * Looks for `period`'s post among what was posted to `channel` since an interrupted run claimed it at
   * `claimedAt`, spending at most `budgetMs`. Undefined when it certainly was not posted; throws when unsure.
   */
  findPosted(
    channel: string,
    period: string,
    claimedAt: string,
    budgetMs: number,
  ): Promise<PostedDigest | undefined>;
}

/** What `runDigest` needs from the place digests go (Slack, in `src/slack/digest/`). */
export type DigestPublisher<Post extends DigestPost = DigestPost> = PeriodPublisher<Digest, Post>;

/** True for a publish error that says the post certainly did not happen. */
export function certainlyNotPosted(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { notPosted?: unknown }).notPosted === true;
}
