// The semantic bench's known-item set keeps its promise: no question shares a word (stem) with its paper's title.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_QUESTIONS, KNOWN_ITEMS, SEED_QUESTIONS } from "../../bench/semantic-questions.ts";
import { stemWord, tokenizeWords } from "../../src/papers/text-tokens.ts";

const stems = (text: string) => new Set(tokenizeWords(text).map((t) => stemWord(t.word)));

describe("the known-item questions of the semantic bench", () => {
  it("are 40, half on the seed papers (with their real titles), half on the corpus", () => {
    expect(SEED_QUESTIONS).toHaveLength(20);
    expect(CORPUS_QUESTIONS).toHaveLength(20);
    expect(new Set(KNOWN_ITEMS.map((k) => k.id)).size).toBe(40);
    const seeds = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../fixtures/sample/seed-papers.json"), "utf8"),
    ) as { arxivId?: string; id?: string; title: string }[];
    const titles = new Map(seeds.map((p) => [p.arxivId ?? p.id, p.title]));
    for (const item of SEED_QUESTIONS) expect(titles.get(item.id)).toBe(item.title);
  });

  it("share no word with their paper's title, in any form and not even a stopword", () => {
    const shared = KNOWN_ITEMS.flatMap((item) => {
      const title = stems(item.title);
      const common = [...stems(item.question)].filter((stem) => title.has(stem));
      return common.length > 0 ? [`${item.id}: ${common.join(", ")}`] : [];
    });
    expect(shared).toEqual([]);
  });
});
