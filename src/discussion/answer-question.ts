// Builds a thread question's prompt from the paper and the thread, and the no-LLM answer from the abstract.
import type { Paper } from "../papers/paper.ts";
import { splitSentences } from "../summaries/extractive-summary.ts";
import type { ChatMessage } from "../summaries/llm-client.ts";
import { type PromptTemplate, renderPrompt } from "../summaries/prompt-template.ts";
import { stripSlackControls } from "../summaries/strip-slack-controls.ts";
import { closestSentences } from "./closest-sentences.ts";
import type { FullText, FullTextSource } from "./full-text-fetcher.ts";
import { asData } from "./prompt-data.ts";
import { selectExcerpt } from "./select-excerpt.ts";
import type { ThreadMessage } from "./thread-store.ts";

/** An answer to a question in a paper's thread. Plain text: the Slack layer escapes it. */
export interface DiscussionAnswer {
  /** The answer followed by the line saying what it is based on. */
  text: string;
  /** What the answer drew on, e.g. ["the abstract", "the full text (arXiv HTML)", "3 earlier messages in this thread"]. */
  basedOn: string[];
  /** The answer alone, and the "Based on …" line alone, for renderers that show them apart. */
  answer: string;
  basis: string;
  /** "llm" when the model answered; "abstract_match" for the no-LLM (or failed-LLM) extract; "usage" for "ask me something". */
  origin: "llm" | "abstract_match" | "usage";
}

const SOURCE_NAMES: Record<FullTextSource, string> = {
  hf_markdown: "the full text (Hugging Face)",
  arxiv_html: "the full text (arXiv HTML)",
};
const ANSWER_MAX_CHARS = 2_500;
const NO_LLM = "No LLM configured";
const LLM_FAILED = "The LLM could not answer just now";
export const NO_LLM_LABEL = `${NO_LLM} — the abstract sentences closest to your question:`;

/** Everything the discuss prompt is filled with. */
export interface AnswerContext {
  paper: Paper;
  question: string;
  fullText: FullText | null;
  /** Earlier messages of the thread, oldest first (the question itself excluded). */
  thread: ThreadMessage[];
  /** Budget for the full-text excerpt sent with the question. */
  excerptChars: number;
}

/** The chat messages for prompts/discuss.md, every untrusted text delimited as data. */
export function buildAnswerMessages(template: PromptTemplate, context: AnswerContext): ChatMessage[] {
  const { paper, fullText } = context;
  return renderPrompt(template, {
    title: asData(oneLine(paper.title)),
    authors: asData(oneLine(paper.authors.join(", ")) || "unknown"),
    abstract: asData(oneLine(paper.abstract) || "(no abstract available)"),
    full_text_source: fullText ? fullText.source : "none",
    full_text: fullText
      ? asData(selectExcerpt(fullText.text, context.question, context.excerptChars))
      : "(The full text could not be fetched: answer from the abstract only, and say so.)",
    thread: context.thread.length > 0 ? context.thread.map(threadLine).join("\n") : "(no earlier messages)",
    question: asData(context.question),
  });
}

/** Wraps a model's reply: control sequences out, length capped, and the basis line added. */
export function llmAnswer(reply: string, context: AnswerContext): DiscussionAnswer | undefined {
  const answer = capAnswer(
    stripSlackControls(reply)
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
  if (!answer) return undefined;
  const basedOn = ["the abstract"];
  if (context.fullText) basedOn.push(SOURCE_NAMES[context.fullText.source]);
  if (context.thread.length > 0) {
    const n = context.thread.length;
    basedOn.push(`${n} earlier message${n === 1 ? "" : "s"} in this thread`);
  }
  return finish(answer, basedOn, "llm");
}

/**
 * The answer without a model: the abstract sentences that share the most (rare) terms with the question,
 * labelled as such; when none match, how the abstract opens.
 */
export function abstractAnswer(
  paper: Paper,
  question: string,
  reason: "no_llm" | "llm_failed",
): DiscussionAnswer {
  const why = reason === "no_llm" ? NO_LLM : LLM_FAILED;
  const abstract = stripSlackControls(paper.abstract);
  if (!abstract.trim())
    return finish(`${why}, and this paper has no abstract to quote from.`, [], "abstract_match");
  const matches = closestSentences(abstract, question, 2);
  const body =
    matches.length > 0
      ? `${why} — the abstract sentences closest to your question:\n${matches.map(bullet).join("\n")}`
      : `${why}, and no sentence of the abstract matches your question. The abstract opens:\n${splitSentences(abstract).slice(0, 2).map(bullet).join("\n")}`;
  return finish(body, ["the abstract"], "abstract_match");
}

/** Removes the leading @-mentions Slack puts in an app_mention's text (`<@U123> what is …`). */
export function cleanQuestion(text: string): string {
  return text
    .replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

function finish(answer: string, basedOn: string[], origin: DiscussionAnswer["origin"]): DiscussionAnswer {
  const basis = basedOn.length > 0 ? `Based on ${joinAnd(basedOn)}.` : "";
  return { text: basis ? `${answer}\n\n${basis}` : answer, basedOn, answer, basis, origin };
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function bullet(sentence: string): string {
  return `• ${sentence}`;
}

function threadLine(message: ThreadMessage): string {
  const who = message.isBot ? "paperboy (bot)" : message.user;
  return `${asData(who)}: ${asData(oneLine(message.text))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function capAnswer(text: string): string {
  if (text.length <= ANSWER_MAX_CHARS) return text;
  const head = text.slice(0, ANSWER_MAX_CHARS - 1);
  const space = head.lastIndexOf(" ");
  return `${(space > ANSWER_MAX_CHARS * 0.8 ? head.slice(0, space) : head).trimEnd()}…`;
}
