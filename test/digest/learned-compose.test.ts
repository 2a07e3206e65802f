// The learning ranker inside composeDigest: `fill: none` keeps topic matches and papers close to a liked one only.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/digest/compose-digest.ts";
import { type LearningFeedback, rankWithFeedback } from "../../src/digest/learned-ranking.ts";
import { paperTerms, topTerms } from "../../src/feedback/paper-terms.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { channelConfig } from "./digest-test-kit.ts";

const paper = (id: string, title: string, abstract: string, categories = ["cs.LG"]): Paper => ({
  id,
  title,
  abstract,
  authors: [],
  categories,
  publishedAt: "2026-06-30",
  source: "arxiv",
});
const liked = (p: Paper): LearningFeedback => ({
  id: p.id,
  title: p.title,
  kind: "positive",
  explicit: true,
  at: "2026-06-29T09:00:00Z",
  terms: topTerms(paperTerms(p)),
});

const candidates = [
  paper("2606.00001", "Diffusion policies for robots", "We train diffusion policies for robot control."),
  paper(
    "2606.00002",
    "Protein folding with graph transformers",
    "Graph transformers predict protein folding structures.",
    ["q-bio.BM"],
  ),
  paper("2606.00003", "Tax law and accounting", "A study of tax accounting in small firms.", ["econ.GN"]),
  paper(
    "2606.00004",
    "The constructor of prototypes",
    "A constructor builds __proto__ objects and prototypes.",
  ),
];
const seed = paper(
  "2605.00009",
  "Protein structure with graph neural networks",
  "Graph networks for protein structure and folding.",
  ["q-bio.BM"],
);

describe("composeDigest with the learning ranker", () => {
  it("with fill none posts the topic matches and papers close to a liked one, not the unrelated rest", () => {
    const digest = composeDigest({
      settings: channelConfig({ channel: "C0PAPERS", topics: ["diffusion"], fill: "none" }),
      date: "2026-06-30",
      candidates,
      alreadyPosted: new Set(),
      rank: (papers, topics) =>
        rankWithFeedback(papers, topics, [liked(seed)], new Date("2026-06-30T12:00:00Z")),
    });
    expect(digest.entries.map((entry) => [entry.paper.id, entry.reason])).toEqual([
      ["2606.00002", "liked"],
      ["2606.00001", "topics"],
    ]);
    expect(digest.entries[0]?.why).toBe("like “Protein structure with graph neural networks” you liked");
  });

  it("scores papers using words like constructor and __proto__ as numbers", () => {
    const ranked = rankWithFeedback(candidates, [], [liked(candidates[3] as Paper)]);
    expect(ranked.every((entry) => Number.isFinite(entry.score))).toBe(true);
    expect(ranked[0]?.paper.id).toBe("2606.00004");
  });
});
