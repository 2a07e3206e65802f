// The port a weekly roundup goes out through: the transport renders, posts, reads back and links threads.
import type { PeriodPublisher } from "../digest/digest-publisher.ts";
import type { Roundup } from "./compose-roundup.ts";

/** A rendered roundup, as the transport will post it. */
export interface RoundupPost {
  text: string;
}

/** What `runRoundup` needs from Slack (`src/slack/weekly/slack-roundup-publisher.ts`): the digest's port, plus links. */
export interface RoundupPublisher<Post extends RoundupPost = RoundupPost>
  extends PeriodPublisher<Roundup, Post> {
  /** A link to a message (a discussion thread), or undefined when Slack does not give one. */
  threadLink(channel: string, ts: string): Promise<string | undefined>;
}
