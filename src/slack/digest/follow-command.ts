// `/papers follow|unfollow`: has the core edit the channel's followed authors and says what happened.

import type { ChannelSettings } from "../../digest/channel-settings.ts";
import { applyFollowChange, type FollowOutcome } from "../../digest/followed-authors.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import type { FollowRequest } from "../commands/parse-follow-command.ts";

/** The reply to a follow request in `channel`, as safe mrkdwn (names are escaped here). */
export async function answerFollowRequest(args: {
  settings: ChannelSettings;
  channel: string;
  request: FollowRequest;
}): Promise<SlackMessage> {
  const { request } = args;
  const change =
    request.action === "list" ? { action: request.action } : { action: request.action, name: request.name };
  const text = describeFollowOutcome(await applyFollowChange(args.settings, args.channel, change));
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3_000) } }] };
}

/** "*Jane Doe*, *J. Roe*" with every name escaped. */
export function followedList(names: readonly string[]): string {
  return names.map((name) => `*${escapeText(name, { singleLine: true, maxLength: 100 })}*`).join(", ");
}

/** The settings line listing followed authors. */
export function describeFollowed(names: readonly string[]): string {
  return names.length > 0
    ? `*Followed authors:* ${followedList(names)} (their new papers are always in the digest, first, marked _followed_)`
    : '*Followed authors:* none — `/papers follow "Jane Doe"` puts her new papers in every digest';
}

function describeFollowOutcome(outcome: FollowOutcome): string {
  const name = (text: string) => `*${escapeText(text, { singleLine: true, maxLength: 100 })}*`;
  switch (outcome.kind) {
    case "followed":
      return `Following ${name(outcome.name)}: their new papers will be in this channel's digest, first, marked _new from …, followed_ (initials, accents and "Surname, First" spellings match).\n${describeFollowed(outcome.follow)}`;
    case "already_followed":
      return outcome.as === outcome.name
        ? `${name(outcome.name)} is already followed here; nothing changed.`
        : `${name(outcome.name)} is already followed here as ${name(outcome.as)}; nothing changed.`;
    case "unfollowed":
      return `No longer following ${followedList(outcome.removed)}.\n${describeFollowed(outcome.follow)}`;
    case "not_followed":
      return `${name(outcome.name)} is not followed here, so nothing changed.\n${describeFollowed(outcome.follow)}`;
    case "list":
      return `${describeFollowed(outcome.follow)}\nFollow with \`/papers follow "Jane Doe"\`, stop with \`/papers unfollow "Jane Doe"\`.`;
    case "refused":
      return escapeText(outcome.reason);
  }
}
