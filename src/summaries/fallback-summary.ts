// The summaries paperboy can give without an LLM, each labelled: Hugging Face's own AI summary, else an extract.
import type { Paper } from "../papers/paper.ts";
import { extractiveTldr } from "./extractive-summary.ts";
import { cleanSummaryText, LABELS, type Summary } from "./summary.ts";

/** Hugging Face's `ai_summary` when the paper has one, else the abstract's most central sentence. Never calls out. */
export function fallbackSummary(paper: Pick<Paper, "title" | "abstract" | "aiSummary">): Summary {
  const hf = paper.aiSummary ? cleanSummaryText(paper.aiSummary) : "";
  if (hf) return { tldr: hf, origin: "hf_ai_summary", label: LABELS.hfAiSummary };
  const extract = extractiveTldr(paper.abstract);
  if (extract) return { tldr: cleanSummaryText(extract), origin: "extractive", label: LABELS.extractive };
  return { tldr: cleanSummaryText(paper.title), origin: "extractive", label: LABELS.titleOnly };
}
