// A paper card's overflow menu (`paper_menu`): its options, whose values are `<verb>:<paperId>`.
import type { Overflow } from "@slack/types";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { cleanText } from "./untrusted-text.ts";

export const PAPER_MENU_ACTION_ID = "paper_menu";

/** What a menu option does; learning adds `more` / `less` (More / Less like this). */
export type PaperMenuVerb = "similar";

/** The menu's options, in order (Slack shows at most 5). */
export const PAPER_MENU_OPTIONS: { verb: PaperMenuVerb; text: string }[] = [
  { verb: "similar", text: "Similar papers" },
];

/** The overflow element for a card, or undefined when the id would not fit an option value. */
export function paperMenu(paperId: string): Overflow | undefined {
  const id = cleanText(paperId, { singleLine: true });
  const options = PAPER_MENU_OPTIONS.map(({ verb, text }) => ({
    text: { type: "plain_text" as const, text },
    value: `${verb}:${id}`,
  }));
  if (!id || options.some((o) => o.value.length > SLACK_LIMITS.optionValue)) return undefined;
  return { type: "overflow", action_id: PAPER_MENU_ACTION_ID, options };
}

/** The verb and paper id of an option value; undefined for anything else. */
export function parsePaperMenuValue(value: string): { verb: string; paperId: string } | undefined {
  const at = value.indexOf(":");
  if (at <= 0 || at === value.length - 1) return undefined;
  return { verb: value.slice(0, at), paperId: value.slice(at + 1) };
}
