// The summary's problem / method / result bullets as one section: the same rendering in Summarize and Discuss.
import type { MrkdwnElement, SectionBlock } from "@slack/types";
import type { SummaryBullets } from "../../summaries/summary.ts";
import { truncateMrkdwn } from "./fit-to-slack-limits.ts";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { escapeText } from "./untrusted-text.ts";

/** Characters of a bullet shown (before escaping); the model is asked for about 20 words. */
export const BULLET_MAX = 400;

const NAMES = { problem: "Problem", method: "Method", result: "Result" } as const;
// Escaping can grow a bullet fivefold (`&` → `&amp;`): each line gets a third of the section, so no later
// truncation of the whole section can cut off the *Result* line.
const LINE_MAX = Math.floor((SLACK_LIMITS.sectionText - 2) / 3);

/**
 * `*Problem* …`, `*Method* …`, `*Result* …` on three lines: each bullet cleaned, on one line, at most
 * `BULLET_MAX` characters, escaped once; the section is within Slack's section limit by construction.
 */
export function renderSummaryBullets(bullets: SummaryBullets): SectionBlock & { text: MrkdwnElement } {
  const lines = (Object.keys(NAMES) as Array<keyof typeof NAMES>).map((key) => {
    const label = `*${NAMES[key]}* `;
    const text = escapeText(bullets[key], { singleLine: true, maxLength: BULLET_MAX });
    return label + truncateMrkdwn(text, LINE_MAX - label.length);
  });
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}
