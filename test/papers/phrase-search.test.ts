// Search on a real corpus day: a quoted phrase is one more part (it narrows nothing), OR and commas give sides,
// and results matching only part of a query say so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { partialMatchNote } from "../../src/papers/query-coverage.ts";
import { renderPaperListMessage } from "../../src/slack/blocks/paper-list-message.ts";
import { CORPUS_PATH, corpusDays } from "../support/corpus-days.ts";

const DATE = "2026-06-30";
const DIFFUSION = /diffus/i;
const RL = /reinforcement[^\p{L}\p{N}]+learning/iu;
const text = (paper: Paper) => `${paper.title}\n${paper.abstract}`;

let papers: Paper[];
let index: PaperIndex;
beforeAll(async () => {
  papers = (await corpusDays([DATE])).get(DATE) ?? [];
  index = openPaperIndex({ path: ":memory:", workers: false });
  index.upsert(papers);
}, 60_000);
afterAll(() => index?.close());

const ids = (query: string) => index.search(query, { limit: 100 }).map((hit) => hit.paper.id);

describe.skipIf(!CORPUS_PATH)("a quoted phrase in a search, on a real day", () => {
  it("narrows nothing else: finds every paper with either part, as the topics alone do", () => {
    const either = papers.filter((paper) => DIFFUSION.test(text(paper)) || RL.test(text(paper)));
    expect(either.length).toBeGreaterThan(10);
    for (const query of ['diffusion "reinforcement learning"', '"reinforcement learning" diffusion']) {
      expect(new Set(ids(query)), query).toEqual(new Set(either.map((paper) => paper.id)));
    }
    // Each part alone is a subset of the two together.
    const both = new Set(ids('diffusion "reinforcement learning"'));
    for (const id of [...ids("diffusion"), ...ids('"reinforcement learning"')])
      expect(both.has(id)).toBe(true);
  });

  it("counts a phrase as one part: a paper with both parts ranks first, a stray word of the phrase counts for nothing", () => {
    const both: Paper = {
      id: "2606.99999",
      title: "Diffusion Policies Trained with Reinforcement Learning",
      abstract: "We fine-tune diffusion policies with reinforcement learning.",
      authors: ["A. Author"],
      categories: ["cs.LG"],
      publishedAt: DATE,
      source: "hf",
    };
    const stray: Paper = {
      ...both,
      id: "2606.99998",
      title: "Learning to Reinforce Bridges",
      abstract: "Learning where reinforcement of concrete matters.",
    };
    index.upsert([both, stray]);
    expect(ids('"reinforcement learning" diffusion')[0]).toBe(both.id);
    expect(ids("diffusion reinforcement learning")[0]).toBe(both.id);
    expect(ids('"reinforcement learning" diffusion')).not.toContain(stray.id);
  });

  it("says when no paper matches the whole query, and not for an OR or comma list", () => {
    const page = (query: string) =>
      index
        .search(query, { limit: 5 })
        .filter((hit) => hit.paper.id !== "2606.99999")
        .map((hit) => hit.paper);
    const note = partialMatchNote(
      'diffusion "reinforcement learning"',
      page('diffusion "reinforcement learning"'),
    );
    expect(note).toBe(
      "No paper matches all of diffusion, “reinforcement learning”; showing the best partial matches.",
    );
    expect(partialMatchNote('diffusion OR "reinforcement learning"', page("diffusion"))).toBeUndefined();
    expect(partialMatchNote("diffusion, reinforcement learning", page("diffusion"))).toBeUndefined();
    expect(partialMatchNote("diffusion", page("diffusion"))).toBeUndefined();
    const message = renderPaperListMessage(
      page("diffusion").map((paper) => ({ paper })),
      { query: 'diffusion "reinforcement learning"', page: 1, hasMore: false, ...(note ? { note } : {}) },
    );
    expect(JSON.stringify(message.blocks)).toContain("showing the best partial matches");
  });
});
