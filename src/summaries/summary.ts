// The Summary every caller gets, how each kind is labelled, and the text rules every summary obeys.
import { lazySchema } from "../lazy-zod.ts";
import { stripSlackControls } from "./strip-slack-controls.ts";

/** Where a summary's text came from. */
export type SummaryOrigin = "llm" | "cache" | "hf_ai_summary" | "extractive";

/** The three thread bullets. */
export interface SummaryBullets {
  problem: string;
  method: string;
  result: string;
}

/** A paper's summary: plain text (renderers escape it), always labelled with what produced it. */
export interface Summary {
  /** One sentence, at most 35 words. */
  tldr: string;
  /** Present for LLM summaries (fresh or cached). */
  bullets?: SummaryBullets;
  origin: SummaryOrigin;
  /** What a reader is told they are reading, e.g. "AI summary (gpt-4o-mini)". */
  label: string;
}

export const TLDR_MAX_WORDS = 35;
const BULLET_MAX_WORDS = 20;

export const LABELS = {
  llm: (model: string) => `AI summary (${model})`,
  hfAiSummary: "Hugging Face AI summary",
  extractive: "Extract from the abstract",
  titleOnly: "Title only (no abstract to summarise)",
} as const;

/** What the model must answer (prompts/summary.md asks for exactly this object). */
export const modelAnswerSchema = lazySchema((z) =>
  z.object({
    tldr: z.string().trim().min(1),
    problem: z.string().trim().min(1),
    method: z.string().trim().min(1),
    result: z.string().trim().min(1),
  }),
);

/** Parses a model's reply: tolerates a ```json fence or chatter around the object; undefined if invalid. */
export function parseModelAnswer(text: string): { tldr: string; bullets: SummaryBullets } | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end <= start) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = modelAnswerSchema().safeParse(json);
  if (!parsed.success) return undefined;
  const { tldr, problem, method, result } = parsed.data;
  const bullet = (value: string) => cleanSummaryText(value, BULLET_MAX_WORDS);
  const answer = {
    tldr: cleanSummaryText(tldr),
    bullets: { problem: bullet(problem), method: bullet(method), result: bullet(result) },
  };
  // Text that was nothing but control sequences or markup is as good as no answer.
  return answer.tldr && answer.bullets.problem && answer.bullets.method && answer.bullets.result
    ? answer
    : undefined;
}

/** Slack control sequences out, whitespace collapsed, cut to `maxWords` words. */
export function cleanSummaryText(text: string, maxWords = TLDR_MAX_WORDS): string {
  return trimWords(stripSlackControls(text).replace(/\s+/g, " ").trim(), maxWords);
}

/** Keeps the first `maxWords` words, marking a cut with "…". */
export function trimWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return words.join(" ");
  return `${words
    .slice(0, maxWords)
    .join(" ")
    .replace(/[\s,;:.–—-]+$/, "")}…`;
}
