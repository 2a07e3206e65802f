// Test helper: the 66 seed papers (the shipped sample corpus, fixtures/sample/seed-papers.json) as Paper records.
import { readFileSync } from "node:fs";
import type { Paper } from "../../src/papers/paper.ts";

interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
}

const SEEDS = JSON.parse(
  readFileSync(new URL("../../fixtures/sample/seed-papers.json", import.meta.url), "utf8"),
) as SeedPaper[];

/** Every seed paper, as the index would hold it (no Hugging Face extras). */
export function seedPapers(): Paper[] {
  return SEEDS.map((seed) => ({
    id: seed.arxivId,
    title: seed.title,
    abstract: seed.abstract,
    authors: [],
    categories: [],
    source: "file",
  }));
}

/** The seed paper at `index`. */
export function seedPaper(index = 0): Paper {
  const paper = seedPapers()[index];
  if (!paper) throw new Error(`no seed paper ${index}`);
  return paper;
}

/**
 * Hugging Face's daily papers list (the `/api/daily_papers` body) of the first `count` seed papers, upvoted
 * 40, 39, … in order, each by Grace Hopper unless `authorOf` names someone else.
 */
export function hfDailyOfSeeds(count: number, authorOf: (index: number) => string = () => "Grace Hopper") {
  return seedPapers()
    .slice(0, count)
    .map((paper, i) => ({
      paper: {
        id: paper.id,
        title: paper.title,
        summary: paper.abstract,
        authors: [{ name: authorOf(i), hidden: false }],
        publishedAt: "2026-11-26T00:00:00.000Z",
        upvotes: 40 - i,
      },
    }));
}
