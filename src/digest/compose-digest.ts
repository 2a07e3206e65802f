// Composing a channel's digest, purely: candidate papers + channel settings + date → the ranked digest.
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Paper } from "../papers/paper.ts";
import type { RelevanceScorer } from "./relevance-scorer.ts";
import { findExcludedWord } from "./text-terms.ts";

/** Weight of topic relevance in the blended score; the rest goes to Hugging Face upvotes. */
export const RELEVANCE_WEIGHT = 0.7;

/** One paper chosen for a digest, with why it ranked where it did. */
export interface DigestEntry {
  paper: Paper;
  /** Blended score in [0, 1], see `rankCandidates`. */
  score: number;
  /** BM25 relevance to the topics normalised to [0, 1] (1 = the best match of the day). */
  relevance: number;
  /** The TL;DR shown on the card; filled in by runDigest from the summarizer, absent in a bare compose. */
  tldr?: { text: string; label: string };
}

/** A composed digest: everything the renderer needs, and what was left out and why. */
export interface Digest {
  channel: string;
  /** The channel's local date the digest is for, `YYYY-MM-DD`. */
  date: string;
  entries: DigestEntry[];
  /** The topics it was ranked for (empty: ranked by upvotes only). */
  topics: string[];
  /** How many distinct candidates the sources offered. */
  candidateCount: number;
  /** Candidates dropped because they contain an excluded word. */
  excluded: { id: string; word: string }[];
  /** Candidates dropped because the channel got them in the last 14 days. */
  repeats: string[];
  /** Sources that could not be reached; the digest then uses what the index had. */
  unreachable: string[];
  emptyDay: ChannelConfig["emptyDay"];
}

export interface ComposeInput {
  settings: ChannelConfig;
  date: string;
  candidates: readonly Paper[];
  /** Ids this channel was already sent in the last 14 days. */
  alreadyPosted: ReadonlySet<string>;
  scorer: RelevanceScorer;
  unreachable?: readonly string[];
}

/**
 * Picks and orders the day's papers for a channel. Pure: the same input always gives the same digest.
 * Steps: de-duplicate candidates by id → drop repeats from the last 14 days → drop papers containing an
 * excluded word (title or abstract, case-insensitive, stems match) → rank → keep `maxPapers`.
 */
export function composeDigest(input: ComposeInput): Digest {
  const { settings } = input;
  const unique = dedupeById(input.candidates);
  const repeats: string[] = [];
  const excluded: { id: string; word: string }[] = [];
  const eligible: Paper[] = [];
  for (const paper of unique) {
    if (input.alreadyPosted.has(paper.id)) {
      repeats.push(paper.id);
      continue;
    }
    const word = findExcludedWord(paper, settings.exclude);
    if (word !== undefined) {
      excluded.push({ id: paper.id, word });
      continue;
    }
    eligible.push(paper);
  }
  const ranked = rankCandidates(eligible, settings.topics, input.scorer);
  return {
    channel: settings.channel,
    date: input.date,
    entries: ranked.slice(0, settings.maxPapers),
    topics: [...settings.topics],
    candidateCount: unique.length,
    excluded,
    repeats,
    unreachable: [...(input.unreachable ?? [])],
    emptyDay: settings.emptyDay,
  };
}

/**
 * The ranking formula:
 *
 *   relevance = bm25(paper, topics) / max bm25 over today's candidates          ∈ [0, 1]
 *   votes     = log(1 + upvotes) / log(1 + max upvotes over today's candidates)  ∈ [0, 1]
 *   score     = 0.7 · relevance + 0.3 · votes      (channel has topics)
 *   score     = votes                              (no topics)
 *
 * Papers that match the topics at all come before papers that don't, whatever their votes: a channel
 * that asked for "diffusion" sees every diffusion paper of the day before the day's most popular other
 * paper. The log damps upvotes (a 300-vote paper is not 30× a 10-vote one). Ties: more upvotes, then id.
 */
export function rankCandidates(
  papers: readonly Paper[],
  topics: readonly string[],
  scorer: RelevanceScorer,
): DigestEntry[] {
  const bm25 = topics.length > 0 ? scorer(topics, papers) : new Map<string, number>();
  const maxBm25 = Math.max(0, ...bm25.values());
  const maxVotes = Math.max(0, ...papers.map((paper) => paper.upvotes ?? 0));
  const entries = papers.map((paper) => {
    const relevance = maxBm25 > 0 ? (bm25.get(paper.id) ?? 0) / maxBm25 : 0;
    const votes = maxVotes > 0 ? Math.log1p(paper.upvotes ?? 0) / Math.log1p(maxVotes) : 0;
    const score = topics.length > 0 ? RELEVANCE_WEIGHT * relevance + (1 - RELEVANCE_WEIGHT) * votes : votes;
    return { paper, score, relevance };
  });
  return entries.sort(
    (a, b) =>
      Number(b.relevance > 0) - Number(a.relevance > 0) ||
      b.score - a.score ||
      (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
      a.paper.id.localeCompare(b.paper.id),
  );
}

/** One record per id; when two sources return the same paper, the fields they know are combined. */
export function dedupeById(papers: readonly Paper[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const paper of papers) {
    const seen = byId.get(paper.id);
    if (!seen) {
      byId.set(paper.id, paper);
      continue;
    }
    // Hugging Face knows upvotes, AI summary and code links; arXiv is the authority on the text.
    const votes = [seen.upvotes, paper.upvotes].filter((v): v is number => v !== undefined);
    const merged: Paper = { ...paper, ...seen };
    if (votes.length > 0) merged.upvotes = Math.max(...votes);
    byId.set(paper.id, merged);
  }
  return [...byId.values()];
}
