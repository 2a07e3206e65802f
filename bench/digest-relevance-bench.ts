// Bench: on 20 real corpus days, how many of a 2–3-topic channel's digest papers match a topic, before and after issue #9.
import { pathToFileURL } from "node:url";
import { composeDigest } from "../src/digest/compose-digest.ts";
import type { Paper } from "../src/papers/paper.ts";
import { openPaperIndex } from "../src/papers/paper-index.ts";
import { channelConfig } from "../test/digest/digest-test-kit.ts";
import { CORPUS_PATH, corpusDates, corpusDays } from "../test/support/corpus-days.ts";
import {
  legacyFindExcludedWord,
  legacyIndexScorer,
  legacyRankCandidates,
} from "./digest-relevance-legacy.ts";

const DAYS = 20;
const PER_DAY = 150;
const MAX_PAPERS = 6;
const CHANNELS: { topics: string[]; exclude: string[] }[] = [
  { topics: ["diffusion", "reinforcement learning"], exclude: ["medical"] },
  { topics: ["large language models", "benchmark"], exclude: [] },
  { topics: ["robot", "reinforcement learning", "graph neural networks"], exclude: [] },
  { topics: ["video generation", "diffusion", "gaussian splatting"], exclude: ["survey"] },
  { topics: ["agents", "reasoning"], exclude: [] },
  { topics: ["speech", "machine translation", "multilingual"], exclude: ["medical"] },
];

/**
 * The judge, independent of both rankings' stemmers: a topic matches when each of its words appears, in
 * order and side by side, as a word starting with the topic word (a trailing "s" dropped) plus at most
 * four more letters (`diffusion`, `robots`, `robotic`, `benchmarking`).
 */
function judge(topic: string): RegExp {
  const words = topic
    .toLowerCase()
    .split(/\s+/)
    .map((word) => `${word.replace(/s$/, "").replace(/[^\p{L}\p{N}]/gu, "")}\\p{L}{0,4}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[^\\p{L}\\p{N}]+")}(?![\\p{L}\\p{N}])`, "iu");
}

function matchesATopic(paper: Paper, topics: readonly string[]): boolean {
  const text = `${paper.title}\n${paper.abstract}`;
  return topics.some((topic) => judge(topic).test(text));
}

/** The digest the code before issue #9 composed: index BM25 for all topics as one query, then upvotes. */
function before(
  papers: Paper[],
  topics: string[],
  exclude: string[],
  index: ReturnType<typeof openPaperIndex>,
) {
  const kept = papers.filter((paper) => legacyFindExcludedWord(paper, exclude) === undefined);
  return legacyRankCandidates(kept, topics, legacyIndexScorer(index))
    .slice(0, MAX_PAPERS)
    .map((entry) => entry.paper);
}

function after(papers: Paper[], topics: string[], exclude: string[], date: string) {
  const settings = channelConfig({ channel: "C0BENCH", topics, exclude, maxPapers: MAX_PAPERS });
  return composeDigest({ settings, date, candidates: papers, alreadyPosted: new Set() }).entries.map(
    (entry) => entry.paper,
  );
}

interface Row {
  topics: string;
  before: number;
  after: number;
  /** The best any ranking could do: min(matching candidates, maxPapers) / maxPapers, summed over days. */
  ceiling: number;
  slots: number;
}

export async function runDigestRelevanceBench(): Promise<{ markdown: string; json: unknown }> {
  if (!CORPUS_PATH)
    throw new Error("digest-relevance needs the corpus (../shared/corpus or PAPERBOY_BENCH_CORPUS).");
  const all = await corpusDates(PER_DAY);
  // 20 days spread evenly over the corpus's year.
  const dates = Array.from({ length: DAYS }, (_, i) => all[Math.floor((i * all.length) / DAYS)] as string);
  const days = await corpusDays(dates, PER_DAY);
  const rows: Row[] = CHANNELS.map((c) => ({
    topics: c.topics.join(", "),
    before: 0,
    after: 0,
    ceiling: 0,
    slots: 0,
  }));
  const started = performance.now();
  for (const date of dates) {
    const papers = days.get(date) ?? [];
    const index = openPaperIndex({ path: ":memory:", workers: false });
    index.upsert(papers);
    CHANNELS.forEach((channel, i) => {
      const row = rows[i] as Row;
      const count = (list: Paper[]) => list.filter((paper) => matchesATopic(paper, channel.topics)).length;
      row.before += count(before(papers, channel.topics, channel.exclude, index));
      row.after += count(after(papers, channel.topics, channel.exclude, date));
      const eligible = papers.filter((paper) => legacyFindExcludedWord(paper, channel.exclude) === undefined);
      row.ceiling += Math.min(MAX_PAPERS, count(eligible));
      row.slots += MAX_PAPERS;
    });
    index.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(0)} %`;
  const total = rows.reduce(
    (sum, r) => ({
      before: sum.before + r.before,
      after: sum.after + r.after,
      ceiling: sum.ceiling + r.ceiling,
      slots: sum.slots + r.slots,
    }),
    { before: 0, after: 0, ceiling: 0, slots: 0 },
  );
  const markdown = [
    "## Digest relevance (issue #9)",
    "",
    `${DAYS} real days of the corpus (${dates[0]} … ${dates.at(-1)}), the first ${PER_DAY} papers of each served as`,
    `that day's candidates with stable pseudo-random upvotes; channels with 2–3 topics, \`maxPapers: ${MAX_PAPERS}\`.`,
    "Share of digest papers whose title or abstract matches one of the channel's topics (judged by a plain",
    "regular expression, independent of both rankings); *ceiling* = what the day's matches allow.",
    "",
    "| topics | before | after | ceiling |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.topics} | ${pct(r.before, r.slots)} | ${pct(r.after, r.slots)} | ${pct(r.ceiling, r.slots)} |`,
    ),
    `| **all** | **${pct(total.before, total.slots)}** | **${pct(total.after, total.slots)}** | ${pct(total.ceiling, total.slots)} |`,
    "",
    `_${(rows.length * DAYS).toLocaleString("en-US")} digests each way in ${seconds.toFixed(1)} s._`,
    "",
  ].join("\n");
  return { markdown, json: { dates, maxPapers: MAX_PAPERS, perDay: PER_DAY, rows, total } };
}

// `node --import tsx bench/digest-relevance-bench.ts` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown } = await runDigestRelevanceBench();
  process.stdout.write(`${markdown}\n`);
}
