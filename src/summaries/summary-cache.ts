// Cache keys and entries for LLM summaries: a key changes exactly when the prompt, the model or the abstract does.
import { createHash } from "node:crypto";
import { lazySchema } from "../lazy-zod.ts";
import type { Paper } from "../papers/paper.ts";
import type { SummaryBullets } from "./summary.ts";

/** What is stored per summary; only LLM answers are cached (fallbacks are free to recompute). */
export interface CachedSummary {
  tldr: string;
  bullets: SummaryBullets;
  model: string;
  createdAt: string;
}

const cachedSummarySchema = lazySchema((z) =>
  z.object({
    tldr: z.string().min(1),
    bullets: z.object({ problem: z.string(), method: z.string(), result: z.string() }),
    model: z.string(),
    createdAt: z.string(),
  }),
);

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * `summary:<prompt file hash>:<model>:<paper id>v<version>` when the paper's arXiv version is known, else
 * `summary:<prompt file hash>:<model>:<paper id>:<abstract hash>`. Editing the prompt or changing the
 * model gives new keys (summaries refresh); so does a new arXiv version, while the same version is never
 * summarised twice, whichever source's copy of its abstract (spacing, markup) is at hand. A new title,
 * upvotes or Hugging Face data changes nothing.
 */
export function summaryCacheKey(
  promptHash: string,
  model: string,
  paper: Pick<Paper, "id" | "abstract" | "version">,
): string {
  const prefix = `summary:${promptHash.slice(0, 16)}:${model}:${paper.id}`;
  return paper.version ? `${prefix}v${paper.version}` : `${prefix}:${shortHash(paper.abstract)}`;
}

/** The claim an instance holds while it asks the LLM for the summary cached under `cacheKey`. */
export function summaryClaimKey(cacheKey: string): string {
  return `claim:${cacheKey}`;
}

/** Validates what came out of the store; anything else (an older format, corruption) counts as a miss. */
export function parseCachedSummary(value: unknown): CachedSummary | undefined {
  const parsed = cachedSummarySchema().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
