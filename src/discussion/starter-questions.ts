// Three questions that open a paper's discussion: written by the LLM when there is one, else built from the paper.
import { lazySchema } from "../lazy-zod.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import { splitSentences } from "../summaries/extractive-summary.ts";
import type { LlmClient } from "../summaries/llm-client.ts";
import { type PromptTemplate, renderPrompt } from "../summaries/prompt-template.ts";
import { cleanSummaryText, type Summary, trimWords } from "../summaries/summary.ts";
import { asData } from "./prompt-data.ts";

/** The questions and who wrote them. */
export interface StarterQuestions {
  questions: string[];
  /** "llm" when the model wrote them, "template" when they were built from the summary or abstract. */
  origin: "llm" | "template";
}

const QUESTION_MAX_WORDS = 35;
const QUOTE_MAX_WORDS = 18;
const answerSchema = lazySchema((z) => z.object({ questions: z.array(z.string()).min(3) }));

/** Asks the model (prompts/questions.md) for three questions; falls back to `templateQuestions` on any failure. */
export async function starterQuestions(deps: {
  paper: Paper;
  summary: Summary;
  llm?: LlmClient;
  prompt?: () => Promise<PromptTemplate>;
  timeoutMs: number;
  logger: Logger;
}): Promise<StarterQuestions> {
  const { paper, summary, llm, prompt, logger } = deps;
  if (llm && prompt) {
    try {
      const messages = renderPrompt(await prompt(), {
        title: asData(paper.title),
        abstract: asData(paper.abstract),
        summary: asData(summaryLines(summary)),
      });
      const reply = await llm.complete(messages, { json: true, signal: AbortSignal.timeout(deps.timeoutMs) });
      const questions = parseQuestions(reply.text);
      if (questions) return { questions, origin: "llm" };
      logger.warn(
        { paper: paper.id },
        "starter questions: the model's answer was not valid; using templates",
      );
    } catch (error) {
      logger.warn({ err: error, paper: paper.id }, "starter questions: the model failed; using templates");
    }
  }
  return { questions: templateQuestions(paper, summary), origin: "template" };
}

/** The three questions from a model's JSON reply, cleaned; undefined when it is not usable. */
export function parseQuestions(text: string): string[] | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end <= start) return undefined;
  try {
    const parsed = answerSchema().safeParse(JSON.parse(text.slice(start, end + 1)));
    if (!parsed.success) return undefined;
    const questions = parsed.data.questions
      .map((q) => cleanSummaryText(q, QUESTION_MAX_WORDS))
      .filter(Boolean);
    return questions.length >= 3 ? questions.slice(0, 3) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Questions about this paper's problem, method and evidence, quoting the summary's bullets when there
 * are some, else the abstract's opening, its "we propose" sentence and its results sentence.
 */
export function templateQuestions(paper: Paper, summary?: Summary): string[] {
  const sentences = splitSentences(paper.abstract);
  const problem = summary?.bullets?.problem ?? sentences[0];
  const method =
    summary?.bullets?.method ??
    sentences.find((s) =>
      /\b(we (propose|introduce|present|develop|describe)|our (method|approach|model))\b/i.test(s),
    );
  const result =
    summary?.bullets?.result ??
    [...sentences]
      .reverse()
      .find((s) =>
        /\b(outperform\w*|improv\w*|achiev\w*|reduc\w*|state-of-the-art|speed-?up)\b|\d\s?%/i.test(s),
      );
  return [
    problem
      ? `The problem: “${quote(problem)}” Is this a problem we run into, and how do we deal with it today?`
      : "What problem does this paper solve, and is it one we run into in our own work?",
    method
      ? `The method: “${quote(method)}” What does it assume, and where would you expect it to break?`
      : "What is the key idea of the method, and which of its assumptions might not hold for our data?",
    result
      ? `The evidence: “${quote(result)}” How convincing is it, and which baseline or ablation is missing?`
      : "How convincing is the evidence, and which baseline, ablation or dataset would you want to see?",
  ];
}

function quote(text: string): string {
  const words = trimWords(cleanSummaryText(text, 200), QUOTE_MAX_WORDS);
  return /[.!?…]$/.test(words) ? words : `${words}.`;
}

function summaryLines(summary: Summary): string {
  const lines = [`TL;DR: ${summary.tldr}`];
  if (summary.bullets) {
    lines.push(`Problem: ${summary.bullets.problem}`, `Method: ${summary.bullets.method}`);
    lines.push(`Result: ${summary.bullets.result}`);
  }
  return lines.join("\n");
}
