// The paper card's overflow menu (`paper_menu`): its options, whose values are `<verb>:<paperId>`.

/** What the menu can do; the semantic helper adds `similar` here and its handler in actions/paper-menu.ts. */
export type PaperMenuVerb = "more" | "less";

/** The options in the order shown (an overflow menu holds at most 5). */
export const PAPER_MENU_OPTIONS: readonly { verb: PaperMenuVerb; label: string }[] = [
  { verb: "more", label: "More like this" },
  { verb: "less", label: "Less like this" },
];

/** An option's value: `more:2401.01234`. */
export function paperMenuValue(verb: PaperMenuVerb, paperId: string): string {
  return `${verb}:${paperId}`;
}

/** The verb and paper id of an option value, or undefined for a value this version did not make. */
export function parsePaperMenuValue(value: string): { verb: string; paperId: string } | undefined {
  const at = value.indexOf(":");
  if (at <= 0 || at === value.length - 1) return undefined;
  return { verb: value.slice(0, at), paperId: value.slice(at + 1) };
}
