// The action_ids paperboy's buttons carry: the renderers set them, the interactivity listeners register them.

/** What a paper card's buttons can do, in the order they are shown. */
export type PaperAction = "share" | "summarize" | "discuss" | "save";

/** action_id per paper button; each button's `value` is the paper id. */
export const PAPER_ACTION_IDS = {
  share: "paper_share",
  summarize: "paper_summarize",
  discuss: "paper_discuss",
  save: "paper_save",
} as const satisfies Record<PaperAction, string>;

/** action_id of *Start a new discussion* (shown when a paper already has a thread); value = paper id. */
export const DISCUSS_NEW_ACTION_ID = "paper_discuss_new";

/** action_id of the *More results* button; its value is `encodeMoreResultsValue(query, page)`. */
export const SEARCH_MORE_ACTION_ID = "search_more";

/** Journal club: *Vote* on a nomination card (value: the paper id) and *I'll present* (value: the meeting's date). */
export const JC_VOTE_ACTION_ID = "jc_vote";
export const JC_PRESENT_ACTION_ID = "jc_present";
/** action_id of the paper card's overflow menu; option values are `<verb>:<paperId>` (see paper-menu.ts). */
export const PAPER_MENU_ACTION_ID = "paper_menu";
