// `/papers follow "Jane Doe"`, `/papers unfollow "Jane Doe"` and `/papers follow` (the list), parsed.

/** A follow request: one author per command (a comma belongs to the name: "Doe, Jane"). */
export type FollowRequest =
  | { kind: "follow"; action: "add" | "remove"; name: string }
  | { kind: "follow"; action: "list" };

export type FollowParse = FollowRequest | { kind: "invalid"; reason: string };

const USAGE =
  'Use `/papers follow "Jane Doe"` to always get her new papers in this channel\'s digest, `/papers unfollow "Jane Doe"` to stop, and `/papers follow` to list who is followed.';

/** Parses the words after `follow` or `unfollow`. Never throws. */
export function parseFollowCommand(word: "follow" | "unfollow", args: string): FollowParse {
  const trimmed = args.trim();
  if (word === "follow" && trimmed === "") return { kind: "follow", action: "list" };
  // Quotes are optional; straight and typographic ones are dropped.
  const name = trimmed
    .replace(/[“”„‟″«»"]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!name) return { kind: "invalid", reason: `Say whom to ${word}. ${USAGE}` };
  if (name.length > 100) {
    return {
      kind: "invalid",
      reason: `That name is ${name.length} characters; an author's name is under 100.`,
    };
  }
  return { kind: "follow", action: word === "follow" ? "add" : "remove", name };
}
