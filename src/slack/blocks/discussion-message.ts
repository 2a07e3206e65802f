// Block Kit for discussion threads: the message that opens a paper's thread, and an answer posted in it.
import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { DiscussionAnswer } from "../../discussion/answer-question.ts";
import type { StarterQuestions } from "../../discussion/starter-questions.ts";
import type { Paper } from "../../papers/paper.ts";
import type { Summary } from "../../summaries/summary.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { DISCUSS_NEW_ACTION_ID } from "./action-ids.ts";
import { fitMessage } from "./fit-to-slack-limits.ts";
import { paperFallbackText, renderPaperCard, type SlackMessage } from "./paper-card.ts";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { renderSummaryBullets } from "./summary-bullets.ts";
import { context, section } from "./text-blocks.ts";
import { cleanText, escapeText, mrkdwnLink } from "./untrusted-text.ts";

const QUESTION_MAX = 400;
const NO_ANSWER = "(no answer)";

/**
 * The message that starts a paper's discussion: the paper card (TL;DR with its label, a *Save* button),
 * the summary's problem / method / result bullets when there are some, three questions, and how to ask
 * paperboy about the paper in the thread.
 */
export function renderDiscussionStart(input: {
  paper: Paper;
  summary: Summary;
  questions: StarterQuestions;
}): SlackMessage {
  const { paper, summary, questions } = input;
  const blocks: KnownBlock[] = renderPaperCard(paper, {
    tldr: { text: summary.tldr, label: summary.label },
    actions: ["save"],
  });
  if (summary.bullets) blocks.push(renderSummaryBullets(summary.bullets));
  const numbered = questions.questions
    .slice(0, 3)
    .map((q, i) => `${i + 1}. ${escapeText(q, { singleLine: true, maxLength: QUESTION_MAX })}`);
  blocks.push(section(`*To get the discussion going*\n${numbered.join("\n")}`));
  const who =
    questions.origin === "llm"
      ? "Questions suggested by the AI model."
      : "Questions drawn from the paper's summary.";
  blocks.push(
    context(`${who} Reply in this thread; mention @paperboy with a question and it answers from the paper.`),
  );
  return fitMessage({ text: `Discussion: ${paperFallbackText(paper)}`, blocks });
}

/** An answer in a thread: the escaped answer in sections (split to fit), then what it is based on. */
export function renderDiscussionAnswer(answer: DiscussionAnswer): SlackMessage {
  const blocks: KnownBlock[] = splitEscaped(cleanText(answer.answer), SLACK_LIMITS.sectionText).map(section);
  if (answer.basis)
    blocks.push(context(`_${escapeText(answer.basis, { singleLine: true, maxLength: 500 })}_`));
  return fitMessage({ text: escapeText(answer.text) || NO_ANSWER, blocks });
}

/**
 * Says the paper already has a thread in this channel, linking to it when a permalink is known, with
 * *Start a new discussion* for someone who wants a fresh thread anyway.
 */
export function renderExistingDiscussion(paper: Paper, permalink?: string): SlackMessage {
  const title = escapeText(paper.title, { singleLine: true, maxLength: 250 }) || "This paper";
  const where = permalink ? mrkdwnLink(permalink, "its thread") : "its thread";
  const text = `*${title}* is already being discussed in this channel: join ${where}.`;
  const value = cleanText(paper.id, { singleLine: true });
  const startNew: ActionsBlock = {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: DISCUSS_NEW_ACTION_ID,
        text: { type: "plain_text", text: "Start a new discussion" },
        ...(value ? { value } : {}),
      },
    ],
  };
  return fitMessage({ text, blocks: [section(text), startNew] });
}

/** Escapes `text` and cuts it into pieces of at most `max` escaped characters, at whitespace when possible. */
function splitEscaped(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const token of text.split(/(\s+)/)) {
    const escaped = escapeMrkdwn(token);
    if (current.length + escaped.length > max && current.trim()) {
      chunks.push(current.trim());
      current = "";
    }
    current += escaped;
    // One token longer than a section (a pasted blob): cut it, but never inside an &amp;-style entity.
    while (current.length > max) {
      let cut = max;
      const amp = current.lastIndexOf("&", cut - 1);
      if (amp > 0 && current.indexOf(";", amp) >= cut) cut = amp;
      chunks.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks.length > 0 ? chunks : [NO_ANSWER];
}
