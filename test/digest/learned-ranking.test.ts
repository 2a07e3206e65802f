// The learning ranker on real corpus days: topics only without feedback, and each feedback moves the ranking.
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateRelevance, meanOf } from "../../src/cli/relevance-eval.ts";
import { rankCandidates } from "../../src/digest/compose-digest.ts";
import { type LearningFeedback, rankWithFeedback } from "../../src/digest/learned-ranking.ts";
import { paperTerms, topTerms } from "../../src/feedback/paper-terms.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { reasonLine } from "../../src/slack/digest/render-digest-message.ts";
import { CORPUS_PATH, corpusDays } from "../support/corpus-days.ts";

const DATES = ["2026-06-23", "2026-06-24", "2026-06-26", "2026-06-29", "2026-06-30", "2026-07-01"];
const NOW = new Date("2026-07-01T12:00:00Z");

function feedbackOn(paper: Paper, kind: LearningFeedback["kind"]): LearningFeedback {
  const base = { id: paper.id, title: paper.title, kind, explicit: true, at: NOW.toISOString() };
  return { ...base, terms: topTerms(paperTerms(paper)) };
}

const mentions = (paper: Paper, word: RegExp) => word.test(`${paper.title}\n${paper.abstract}`);

describe.skipIf(!CORPUS_PATH)("the learning ranker on real corpus days", () => {
  let days: Map<string, Paper[]>;
  beforeAll(async () => {
    days = await corpusDays(DATES, 400);
  }, 120_000);
  const day = (date: string) => days.get(date) ?? [];

  it("without feedback ranks exactly as topics only does, day after day", () => {
    for (const date of DATES) {
      const papers = day(date);
      expect(rankWithFeedback(papers, ["diffusion"], [], NOW)).toEqual(rankCandidates(papers, ["diffusion"]));
    }
  });

  it("More like this on video-generation papers brings the next day's video papers up, saying which liked paper they resemble", () => {
    const video = /\bvideo/i;
    const liked = [...day("2026-06-26"), ...day("2026-06-29")]
      .filter((paper) => mentions(paper, video) && mentions(paper, /diffusion/i))
      .slice(0, 3);
    expect(liked.length).toBe(3);
    const next = day("2026-06-30");
    const before = rankCandidates(next, ["diffusion"]).slice(0, 8);
    const after = rankWithFeedback(
      next,
      ["diffusion"],
      liked.map((p) => feedbackOn(p, "positive")),
      NOW,
    ).slice(0, 8);
    const videoCount = (entries: { paper: Paper }[]) =>
      entries.filter((e) => mentions(e.paper, video)).length;
    expect(videoCount(after)).toBeGreaterThan(videoCount(before));
    const because = after.find((entry) => entry.reason === "liked");
    expect(because && reasonLine(because)).toMatch(/^like “.+” you liked$/);
    expect(liked.map((paper) => paper.title.slice(0, 20)).some((t) => because?.why?.includes(t))).toBe(true);
  });

  it("Less like this on the top papers' subject pushes such papers down", () => {
    const papers = day("2026-06-30");
    const topics = ["large language models"];
    const before = rankCandidates(papers, topics).slice(0, 8);
    const disliked = before.slice(0, 4).map((entry) => feedbackOn(entry.paper, "negative"));
    const after = rankWithFeedback(papers, topics, disliked, NOW).slice(0, 8);
    const overlap = after.filter((entry) => before.slice(0, 4).some((b) => b.paper.id === entry.paper.id));
    expect(overlap.length).toBeLessThan(2);
    // Topic matches still lead: the channel's topics keep counting.
    expect(after.every((entry) => entry.topics.length > 0)).toBe(true);
  });

  it("a simulated channel's digest gets more relevant with its feedback than topics alone", () => {
    const report = evaluateRelevance(
      [
        {
          name: "video",
          topics: ["diffusion"],
          interest: { categories: ["cs.CV"], keywords: ["video generation", "video diffusion"] },
          feedbackPerDay: 3,
        },
      ],
      DATES.map((date) => ({ date, papers: day(date) })),
    );
    const late = meanOf(report.profiles[0]?.days.slice(2) ?? []);
    expect(late.learned).toBeGreaterThan(1.5 * late.topics);
  });
});
