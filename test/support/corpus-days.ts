// Real days of the arXiv corpus served as Hugging Face daily papers: the first papers of a day, with stable upvotes.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Paper } from "../../src/papers/paper.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";

/** The shared corpus (`../shared/corpus/arxiv-2025-cs.jsonl.gz` from the worktree), or PAPERBOY_BENCH_CORPUS. */
export const CORPUS_PATH = [
  process.env.PAPERBOY_BENCH_CORPUS,
  fileURLToPath(new URL("../../../shared/corpus/arxiv-2025-cs.jsonl.gz", import.meta.url)),
  fileURLToPath(new URL("../../data/arxiv-2025-cs.jsonl.gz", import.meta.url)),
].find((path): path is string => Boolean(path && existsSync(path)));

/**
 * Hugging Face upvotes for a corpus paper, which the corpus lacks: a stable number from the id (FNV-1a),
 * skewed like the real thing (most papers a few votes, a handful over a hundred).
 */
export function stableUpvotes(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return Math.floor(200 * (hash / 0x1_0000_0000) ** 3);
}

/** The first `perDay` papers (file order) of each of `dates`, as HF papers with stable upvotes. */
export async function corpusDays(
  dates: readonly string[],
  perDay = 150,
  path = CORPUS_PATH,
): Promise<Map<string, Paper[]>> {
  const days = new Map<string, Paper[]>(dates.map((date) => [date, []]));
  if (!path) throw new Error("No corpus: put arxiv-2025-cs.jsonl.gz in ../shared/corpus or data/.");
  for await (const paper of readPaperFile(path)) {
    const list = days.get(paper.publishedAt?.slice(0, 10) ?? "");
    if (list && list.length < perDay) list.push({ ...paper, source: "hf", upvotes: stableUpvotes(paper.id) });
  }
  return days;
}

/** Every announcement day in the corpus with at least `min` papers, in date order. */
export async function corpusDates(min = 150, path = CORPUS_PATH): Promise<string[]> {
  if (!path) return [];
  const counts = new Map<string, number>();
  for await (const paper of readPaperFile(path)) {
    const date = paper.publishedAt?.slice(0, 10) ?? "";
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= min)
    .map(([date]) => date)
    .sort();
}
