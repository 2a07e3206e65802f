// The nomination card: the paper, who nominated it, its vote count and the *Vote* button.
import type { Nomination } from "../../journal-club/journal-club-state.ts";
import { JC_VOTE_ACTION_ID } from "../blocks/action-ids.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import { renderPaperCard, type SlackMessage } from "../blocks/paper-card.ts";
import { cleanText, escapeText } from "../blocks/untrusted-text.ts";
import { asPaper, mention, votes } from "./jc-text.ts";

/** The card posted by `/papers jc nominate`, redrawn with the new count after each vote. */
export function renderNominationCard(nomination: Nomination, count: number): SlackMessage {
  const title = escapeText(nomination.title, { singleLine: true, maxLength: 200 }) || "a paper";
  return fitMessage({
    text: `Nominated for journal club: ${title} (${votes(count)})`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `:books: *Nominated for journal club* by ${mention(nomination.by)}` },
      },
      ...renderPaperCard(asPaper(nomination), nomination.tldr ? { tldr: nomination.tldr } : {}),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `*${votes(count)}* · one vote each: click *Vote* again to take yours back, or vote for another nomination to move it`,
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: JC_VOTE_ACTION_ID,
            text: { type: "plain_text", text: `Vote (${count})` },
            value: cleanText(nomination.paperId, { singleLine: true }),
            style: "primary",
          },
        ],
      },
    ],
  });
}
