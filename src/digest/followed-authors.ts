// A channel's followed authors: follow, unfollow and list, stored with the channel's settings (bounded to 50).
import { isFollowableName, parseAuthorName, sameParsedAuthor } from "../papers/author-names.ts";
import { refusingBadInput } from "./apply-settings.ts";
import type { ChannelSettings } from "./channel-settings.ts";

/** How many authors a channel may follow (the settings schema enforces the same bound). */
export const MAX_FOLLOWED = 50;

export type FollowChange = { action: "add" | "remove"; name: string } | { action: "list" };

/** What a follow request did, or why it did nothing; the transport words it. */
export type FollowOutcome =
  | { kind: "followed"; name: string; follow: string[] }
  /** The name matches one already followed (`as`), so nothing changed. */
  | { kind: "already_followed"; name: string; as: string; follow: string[] }
  | { kind: "unfollowed"; removed: string[]; follow: string[] }
  | { kind: "not_followed"; name: string; follow: string[] }
  | { kind: "list"; follow: string[] }
  /** Bad input, a full list, or another instance editing the channel: `reason` says what to do. */
  | { kind: "refused"; reason: string };

const EXAMPLE = '`/papers follow "Jane Doe"`';

/** The followed names a name matches ("J. Doe" matches a followed "Jane Doe"). */
export function followedMatching(follow: readonly string[], name: string): string[] {
  const wanted = parseAuthorName(name);
  return follow.filter((item) => sameParsedAuthor(parseAuthorName(item), wanted));
}

/**
 * Applies a follow change to `channel`. Bad input and unfollowing someone not followed change nothing;
 * the list is edited under the channel's settings lock, so concurrent edits from other instances are kept.
 */
export async function applyFollowChange(
  settings: ChannelSettings,
  channel: string,
  change: FollowChange,
): Promise<FollowOutcome> {
  const current = (await settings.view(channel)).config.follow;
  if (change.action === "list") return { kind: "list", follow: current };
  const name = change.name.replace(/\s+/g, " ").trim();
  if (!name) {
    return { kind: "refused", reason: `Say whom: ${EXAMPLE} or \`/papers unfollow "Jane Doe"\`.` };
  }
  return refusingBadInput(() =>
    change.action === "add"
      ? follow(settings, channel, name, current)
      : unfollow(settings, channel, name, current),
  );
}

async function follow(
  settings: ChannelSettings,
  channel: string,
  name: string,
  current: readonly string[],
): Promise<FollowOutcome> {
  if (name.length > 100)
    return { kind: "refused", reason: "That name is too long: keep it under 100 characters." };
  if (!isFollowableName(name)) {
    return {
      kind: "refused",
      reason: `Give a first name (or initial) and a surname, e.g. ${EXAMPLE} or \`/papers follow "J. Doe"\`: a surname alone would match everyone who has it.`,
    };
  }
  // Already followed or a full list: answered without touching the store (checked again under the lock).
  const known = followedMatching(current, name)[0];
  if (known !== undefined) return { kind: "already_followed", name, as: known, follow: [...current] };
  if (current.length >= MAX_FOLLOWED) return fullList();
  let already: string | undefined;
  let full = false;
  const updated = await settings.update(channel, (config) => {
    already = followedMatching(config.follow, name)[0];
    full = already === undefined && config.follow.length >= MAX_FOLLOWED;
    return already !== undefined || full ? {} : { follow: [...config.follow, name] };
  });
  if (already !== undefined) return { kind: "already_followed", name, as: already, follow: updated.follow };
  if (full) return fullList();
  return { kind: "followed", name, follow: updated.follow };
}

function fullList(): FollowOutcome {
  return {
    kind: "refused",
    reason: `This channel already follows ${MAX_FOLLOWED} authors; unfollow one first (\`/papers unfollow "Jane Doe"\`).`,
  };
}

async function unfollow(
  settings: ChannelSettings,
  channel: string,
  name: string,
  current: readonly string[],
): Promise<FollowOutcome> {
  // Not followed: answered without touching the store.
  if (followedMatching(current, name).length === 0)
    return { kind: "not_followed", name, follow: [...current] };
  let removed: string[] = [];
  const updated = await settings.update(channel, (config) => {
    removed = followedMatching(config.follow, name);
    return { follow: config.follow.filter((item) => !removed.includes(item)) };
  });
  if (removed.length === 0) return { kind: "not_followed", name, follow: updated.follow };
  return { kind: "unfollowed", removed, follow: updated.follow };
}
