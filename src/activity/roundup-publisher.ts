// The port a weekly roundup goes out through: the transport renders, posts, reads back and links threads.
import type { PostedDigest } from "../digest/digest-publisher.ts";
import type { Roundup } from "./compose-roundup.ts";

/** A rendered roundup, as the transport will post it. */
export interface RoundupPost {
  text: string;
}

/** What `runRoundup` needs from Slack (`src/slack/weekly/slack-roundup-publisher.ts`). */
export interface RoundupPublisher<Post extends RoundupPost = RoundupPost> {
  /** The message, or undefined when there is nothing to post (a quiet week set to `skip`). */
  render(roundup: Roundup): Post | undefined;
  /** Posts; throws on failure (`notPosted: true` when it certainly did not happen). */
  publish(channel: string, post: Post): Promise<{ ts: string }>;
  /** Finds `week`'s roundup posted since an interrupted claim; undefined when certainly not posted, throws when unsure. */
  findPosted(
    channel: string,
    week: string,
    claimedAt: string,
    budgetMs: number,
  ): Promise<PostedDigest | undefined>;
  /** A link to a message (a discussion thread), or undefined when Slack does not give one. */
  threadLink(channel: string, ts: string): Promise<string | undefined>;
}
