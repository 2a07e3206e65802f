// A paper card's overflow menu (`paper_menu`): its options, whose values are `<verb>:<paperId>`.
import type { Overflow } from "@slack/types";
import { PAPER_MENU_ACTION_ID } from "./action-ids.ts";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { cleanText } from "./untrusted-text.ts";

/** What a menu option does: teach the channel (More / Less like this) or list similar papers. */
export type PaperMenuVerb = "more" | "less" | "similar";

/** The options in the order shown (an overflow menu holds at most 5). */
export const PAPER_MENU_OPTIONS: readonly { verb: PaperMenuVerb; label: string }[] = [
  { verb: "more", label: "More like this" },
  { verb: "less", label: "Less like this" },
  { verb: "similar", label: "Similar papers" },
];

/** Verbs that teach a channel: offered only where the card is shown to one (digests, `/papers` results). */
const TEACHING_VERBS: ReadonlySet<PaperMenuVerb> = new Set(["more", "less"]);

/** An option's value: `more:2401.01234`. */
export function paperMenuValue(verb: PaperMenuVerb, paperId: string): string {
  return `${verb}:${paperId}`;
}

/**
 * The overflow element for a card: *Similar papers* always, *More / Less like this* with `teach`; undefined
 * when the id would not fit an option value.
 */
export function paperMenu(paperId: string, options: { teach: boolean }): Overflow | undefined {
  const id = cleanText(paperId, { singleLine: true });
  const choices = PAPER_MENU_OPTIONS.filter(({ verb }) => options.teach || !TEACHING_VERBS.has(verb)).map(
    ({ verb, label }) => ({
      text: { type: "plain_text" as const, text: label },
      value: paperMenuValue(verb, id),
    }),
  );
  if (!id || choices.some((choice) => choice.value.length > SLACK_LIMITS.optionValue)) return undefined;
  return { type: "overflow", action_id: PAPER_MENU_ACTION_ID, options: choices };
}

/** The verb and paper id of an option value, or undefined for a value this version did not make. */
export function parsePaperMenuValue(value: string): { verb: string; paperId: string } | undefined {
  const at = value.indexOf(":");
  if (at <= 0 || at === value.length - 1) return undefined;
  return { verb: value.slice(0, at), paperId: value.slice(at + 1) };
}
