// Which Slack reactions count as a like, a save or just a reaction, for the activity counts.
import type { ActivityKind } from "../../activity/activity-ledger.ts";

/** 🔖 saves the paper to the reacting user's reading list. */
export const SAVE_REACTION = "bookmark";

/** 👍 / ❤️-type reactions: approval of the paper. Slack sends `+1` for 👍 (`thumbsup` is an alias). */
export const LIKE_REACTIONS: ReadonlySet<string> = new Set([
  "+1",
  "thumbsup",
  "heart",
  "heart_eyes",
  "star-struck",
  "sparkling_heart",
  "two_hearts",
  "fire",
  "100",
  "raised_hands",
  "clap",
  "star",
]);

/** The kind a reaction counts as; skin tones (`+1::skin-tone-3`) count as their base reaction. */
export function reactionKind(reaction: string): ActivityKind {
  const base = reaction.split("::")[0] ?? reaction;
  if (base === SAVE_REACTION) return "saved";
  return LIKE_REACTIONS.has(base) ? "liked" : "reacted";
}
