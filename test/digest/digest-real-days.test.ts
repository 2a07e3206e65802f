// Digests of real corpus days: every topic counts, matches always outrank non-matches, and each card says why it is there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigestCommand } from "../../src/cli/digest-command.ts";
import type { ChannelConfig } from "../../src/config/channel-config.ts";
import { composeDigest } from "../../src/digest/compose-digest.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { reasonLine } from "../../src/slack/digest/render-digest-message.ts";
import { CORPUS_PATH, corpusDays } from "../support/corpus-days.ts";
import {
  channelConfig,
  digestHarness,
  type HfStandIn,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "./digest-test-kit.ts";

// Written independently of the stemmer: the forms of each topic that occur in these days.
const NOT_WORD = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";
const GAP = "[^\\p{L}\\p{N}]+";
const form = (pattern: string) => new RegExp(`${NOT_WORD}${pattern}${END}`, "iu");
const ORACLE: Record<string, RegExp> = {
  diffusion: form("diffus(?:ion|ions|e|ed|es|ing|er|ers)?"),
  "reinforcement learning": form(`reinforcement${GAP}learn(?:ing|ed|s)?`),
  robot: form("robot(?:s|ic|ics)?"),
  "large language models": form(`large${GAP}language${GAP}models?`),
  benchmark: form("benchmark(?:s|ed|ing)?"),
  "graph neural networks": form(`graph${GAP}neural${GAP}networks?`),
};
const EXCLUDED: Record<string, RegExp> = { medical: /medical/i, survey: form("survey(?:s|ed|ing)?") };

const DATES = ["2025-03-18", "2025-06-10", "2025-10-07", "2026-03-17", "2026-04-21", "2026-06-30"];
const CHANNELS: { name: string; topics: string[]; exclude: string[] }[] = [
  { name: "one word topic", topics: ["diffusion"], exclude: [] },
  { name: "one phrase topic", topics: ["reinforcement learning"], exclude: ["medical"] },
  { name: "a phrase and a word", topics: ["reinforcement learning", "robot"], exclude: [] },
  { name: "the issue's two topics", topics: ["diffusion", "reinforcement learning"], exclude: ["medical"] },
  {
    name: "three topics, two phrases",
    topics: ["large language models", "benchmark", "graph neural networks"],
    exclude: ["medical", "survey"],
  },
];

const text = (paper: Paper) => `${paper.title}\n${paper.abstract}`;
const topicsOf = (paper: Paper, topics: readonly string[]) =>
  topics.filter((topic) => ORACLE[topic]?.test(text(paper)));

let days: Map<string, Paper[]>;
beforeAll(async () => {
  days = await corpusDays(DATES);
}, 60_000);

describe.skipIf(!CORPUS_PATH)("digests on real days of the corpus", () => {
  for (const channel of CHANNELS) {
    it(`${channel.name}: every match ranks above every non-match, with the right reason`, () => {
      for (const date of DATES) {
        const papers = days.get(date) ?? [];
        expect(papers.length).toBe(150);
        for (const fill of ["popular", "none"] as const) {
          const settings = channelConfig({ channel: "C0REAL", maxPapers: 20, fill, ...channel });
          const digest = composeDigest({ settings, date, candidates: papers, alreadyPosted: new Set() });
          const kept = papers.filter((paper) => !channel.exclude.some((w) => EXCLUDED[w]?.test(text(paper))));
          const matching = kept.filter((paper) => topicsOf(paper, channel.topics).length > 0);
          // The excluded words removed exactly the papers using them.
          expect(digest.excluded.length, `${date} excluded`).toBe(papers.length - kept.length);
          const reasons = digest.entries.map((entry) => entry.reason);
          const matched = reasons.filter((reason) => reason === "topics").length;
          // Every match of the day is in before any popular pick, as far as the digest reaches.
          expect(matched, `${date} ${fill}`).toBe(Math.min(20, matching.length));
          expect(reasons.slice(matched).every((reason) => reason === "popular")).toBe(true);
          expect(digest.entries.length).toBe(fill === "none" ? matched : Math.min(20, kept.length));
          for (const entry of digest.entries) {
            const expected = topicsOf(entry.paper, channel.topics);
            expect(entry.topics, `${date} ${entry.paper.id}`).toEqual(expected);
            expect(reasonLine(entry)).toBe(
              expected.length === 0
                ? "popular today"
                : `${expected.length === 1 ? "topic" : "topics"}: ${expected.join(", ")}`,
            );
          }
          // More topics matched never ranks lower.
          const counts = digest.entries.map((entry) => entry.topics.length);
          expect(counts).toEqual([...counts].sort((a, b) => b - a));
        }
      }
    });
  }

  it("a topic in the title outranks the same topic only in the abstract, upvotes aside", () => {
    for (const date of DATES) {
      const papers = (days.get(date) ?? []).map((paper) => ({ ...paper, upvotes: 0 }));
      const settings = channelConfig({ channel: "C0REAL", topics: ["diffusion"], maxPapers: 20 });
      const entries = composeDigest({ settings, date, candidates: papers, alreadyPosted: new Set() }).entries;
      const inTitle = entries.map((entry) => ORACLE.diffusion?.test(entry.paper.title) ?? false);
      expect(inTitle, date).toEqual([...inTitle].sort((a, b) => Number(b) - Number(a)));
    }
  });
});

describe.skipIf(!CORPUS_PATH)("the run from issue #9, through the Hugging Face stand-in", () => {
  const clock = testClock("2026-06-30T10:00:00Z");
  let standIn: SlackStandIn;
  let hf: HfStandIn;
  beforeAll(async () => {
    standIn = await startSlackStandIn({ workspace: workspaceWith(["C0ISSUE9"]), now: clock.ms });
    hf = await startHfStandIn((date) => days.get(date) ?? []);
  });
  afterAll(async () => {
    await standIn.close();
    await hf.server.close();
  });

  const dryRun = async (fields: Partial<ChannelConfig>) => {
    const channels = [channelConfig({ channel: "C0ISSUE9", ...fields })];
    const { deps } = await digestHarness({ standIn, hf, channels, clock });
    const output = await runDigestCommand(
      { dryRun: true, json: true, date: "2026-06-30" },
      { ...deps, now: clock.now },
    );
    const [row] = JSON.parse(output) as { paper_ids: string[]; payload: { blocks: unknown[] } }[];
    if (!row) throw new Error(output);
    return row;
  };

  it("posts the day's topic matches with their reasons, and no biomedical paper", async () => {
    const topics = ["diffusion", "reinforcement learning"];
    const row = await dryRun({ topics, exclude: ["medical"], maxPapers: 6 });
    const papers = days.get("2026-06-30") ?? [];
    const byId = new Map(papers.map((paper) => [paper.id, paper]));
    expect(papers.filter((paper) => topicsOf(paper, topics).length > 0)).toHaveLength(16);
    expect(row.paper_ids).toHaveLength(6);
    const blocks = JSON.stringify(row.payload.blocks);
    for (const id of row.paper_ids) {
      const paper = byId.get(id) as Paper;
      const matched = topicsOf(paper, topics);
      expect(matched.length, paper.title).toBeGreaterThan(0);
      expect(text(paper)).not.toMatch(/medical/i);
      expect(blocks).toContain(`_${matched.length === 1 ? "topic" : "topics"}: ${matched.join(", ")}_`);
    }
    // The most upvoted papers of the day that match no topic are not there (the bug posted exactly those).
    const topVoted = [...papers].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0)).slice(0, 6);
    for (const paper of topVoted.filter((p) => topicsOf(p, topics).length === 0))
      expect(row.paper_ids).not.toContain(paper.id);
    expect(blocks).not.toContain("Popular today");
  });

  it("fills a short digest with the day's most upvoted under Popular today, or posts only matches", async () => {
    const topics = ["graph neural networks"];
    const popular = await dryRun({ topics, maxPapers: 6 });
    const blocks = JSON.stringify(popular.payload.blocks);
    expect(popular.paper_ids).toHaveLength(6);
    expect(blocks).toContain("*Popular today*");
    expect(blocks).toContain("_popular today_");
    const only = await dryRun({ topics, maxPapers: 6, fill: "none" });
    const papers = days.get("2026-06-30") ?? [];
    expect(only.paper_ids.length).toBe(papers.filter((p) => topicsOf(p, topics).length > 0).length);
    expect(JSON.stringify(only.payload.blocks)).not.toContain("Popular today");
  });
});
