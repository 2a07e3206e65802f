// Composing a channel's digest, purely: candidate papers + channel settings + date → the ranked digest.
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Paper } from "../papers/paper.ts";
import { findFollowedPapers, followedWhy } from "./followed-papers.ts";
import { newVersionOf } from "./repeat-versions.ts";
import { findExcludedWord } from "./text-terms.ts";
import { topicRelevanceById } from "./topic-relevance.ts";

/** How much Hugging Face upvotes (log-scaled to [0, 1]) add to a matched paper's topic score. */
export const VOTES_WEIGHT = 0.4;
/** How much freshness (1 = the day's newest, 0 = a week older) adds. */
export const FRESHNESS_WEIGHT = 0.1;

/** One paper chosen for a digest, with why it is there and why it ranked where it did. */
export interface DigestEntry {
  paper: Paper;
  /** Ordering score: topic score plus the upvote and freshness nudges (popular papers: the nudges only). */
  score: number;
  /** Topic relevance normalised to [0, 1] (1 = the best match of the day); 0 for a popular pick. */
  relevance: number;
  /** The channel's topics this paper matches, in the channel's order; empty for a popular pick. */
  topics: string[];
  /** What put it in the digest: its topics, being among the day's most upvoted, resembling a liked paper, or a followed author. */
  reason: "topics" | "popular" | "liked" | "followed";
  /** One short plain-text line saying why, shown as the card's reason line when present ("like “…” you liked", "new from Jane Doe, followed"). */
  why?: string;
  /** Set when the channel was shown an older arXiv version of this paper (`repeats: new-versions`): this version. */
  newVersion?: number;
  /** The TL;DR shown on the card; filled in by runDigest from the summarizer, absent in a bare compose. */
  tldr?: { text: string; label: string };
  /** The paper's earlier thread in this channel ("Discussed here on 27 Nov · 12 replies"); filled in by runDigest. */
  discussed?: DiscussedMark;
}

/** Where and how much a paper was discussed in the digest's channel, with the thread's link when known. */
export interface DiscussedMark {
  startedAt: string;
  replies: number;
  permalink?: string;
  /** The channel's time zone, whose calendar day the card names. */
  timeZone?: string;
}

/** A composed digest: everything the renderer needs, and what was left out and why. */
export interface Digest {
  channel: string;
  /** The channel's local date the digest is for, `YYYY-MM-DD`. */
  date: string;
  /** Followed authors' papers first, then topic matches (best first), then any popular fill. */
  entries: DigestEntry[];
  /** The topics it was ranked for (empty: ranked by upvotes only). */
  topics: string[];
  /** What fills the places topic matches leave free. */
  fill: ChannelConfig["fill"];
  /** How many distinct candidates the sources offered. */
  candidateCount: number;
  /** Candidates dropped because they contain an excluded word. */
  excluded: { id: string; word: string }[];
  /** Candidates dropped because the channel was already shown them (any source, any version; see REPEAT_WINDOW_DAYS). */
  repeats: string[];
  /** Sources that could not be reached; the digest then uses what the index had. */
  unreachable: string[];
  /** Sources that answered with nothing for the day, so the papers came from the index instead. */
  empty: string[];
  emptyDay: ChannelConfig["emptyDay"];
}

export interface ComposeInput {
  settings: ChannelConfig;
  date: string;
  candidates: readonly Paper[];
  /** Ids this channel was already sent within the repeat window (REPEAT_WINDOW_DAYS). */
  alreadyPosted: ReadonlySet<string>;
  /** Id → the highest arXiv version the channel was shown (0: unknown); read with `repeats: new-versions`. */
  shownVersions?: ReadonlyMap<string, number>;
  unreachable?: readonly string[];
  empty?: readonly string[];
  /** Orders the eligible papers (default `rankCandidates`: topics, upvotes, freshness); the learning ranker plugs in here. */
  rank?: (papers: readonly Paper[], topics: readonly string[]) => DigestEntry[];
}

/**
 * Picks and orders the day's papers for a channel. Pure: the same input always gives the same digest.
 * Steps: de-duplicate candidates by id → drop papers already shown here (the repeat window; with
 * `repeats: new-versions` a newer arXiv version comes back, marked) → drop papers using an
 * excluded word (see findExcludedWord) → rank → keep `maxPapers`: the topic matches first, then, with
 * `fill: popular` (or no topics at all), the day's most upvoted of the rest.
 * A paper by a followed author (`settings.follow`) is always in, first, marked `followed`: whatever its
 * topics, the fill setting or the excluded words (following a person is the more specific wish). Only
 * the repeat rule applies to it: a paper already shown here is not shown again.
 */
export function composeDigest(input: ComposeInput): Digest {
  const { settings } = input;
  const unique = dedupeById(input.candidates);
  const repeats: string[] = [];
  const excluded: { id: string; word: string }[] = [];
  const eligible: Paper[] = [];
  const byFollowed: Paper[] = [];
  const followedBy = findFollowedPapers(unique, settings.follow);
  const newVersions = new Map<string, number>();
  for (const paper of unique) {
    if (input.alreadyPosted.has(paper.id)) {
      const version = newVersionOf(paper, settings.repeats, input.shownVersions?.get(paper.id));
      if (version === undefined) {
        repeats.push(paper.id);
        continue;
      }
      newVersions.set(paper.id, version);
    }
    if (followedBy.has(paper.id)) {
      byFollowed.push(paper);
      continue;
    }
    const word = findExcludedWord(paper, settings.exclude);
    if (word !== undefined) {
      excluded.push({ id: paper.id, word });
      continue;
    }
    eligible.push(paper);
  }
  const ranked = (input.rank ?? rankCandidates)(eligible, settings.topics);
  const fillWithPopular = settings.fill === "popular" || settings.topics.length === 0;
  const chosen = fillWithPopular ? ranked : ranked.filter((entry) => entry.reason !== "popular");
  const followed = rankCandidates(byFollowed, settings.topics).map(
    (entry): DigestEntry => ({
      ...entry,
      reason: "followed",
      why: followedWhy(followedBy.get(entry.paper.id) ?? []),
    }),
  );
  const entries = [...followed, ...chosen].slice(0, settings.maxPapers).map((entry) => {
    const version = newVersions.get(entry.paper.id);
    return version === undefined ? entry : { ...entry, newVersion: version };
  });
  return {
    channel: settings.channel,
    date: input.date,
    entries,
    topics: [...settings.topics],
    fill: settings.fill,
    candidateCount: unique.length,
    excluded,
    repeats,
    unreachable: [...(input.unreachable ?? [])],
    empty: [...(input.empty ?? [])],
    emptyDay: settings.emptyDay,
  };
}

/**
 * The ranking. Every topic counts on its own (see topicRelevance): a paper matching any topic is a
 * match, and matching more topics, or in the title, scores higher. Then:
 *
 *   votes     = log(1 + upvotes) / log(1 + max upvotes over today's candidates)  ∈ [0, 1]
 *   freshness = 1 − (days older than the newest candidate) / 7, at least 0         ∈ [0, 1]
 *   score     = topic score + 0.4 · votes + 0.1 · freshness   (matches)
 *   score     = votes + 0.1 · freshness                       (the rest: "popular today")
 *
 * Every match comes before every paper matching no topic, whatever their votes: upvotes and freshness
 * only order papers of similar topic scores (each matched topic adds at least 2, more than the title
 * bonus, the mentions and both nudges together). The log damps upvotes (a 300-vote paper is not 30× a 10-vote one). Ties: more upvotes, then id.
 */
export function rankCandidates(papers: readonly Paper[], topics: readonly string[]): DigestEntry[] {
  const relevance = topicRelevanceById(papers, topics);
  const maxScore = Math.max(0, ...[...relevance.values()].map((r) => r.score));
  const maxVotes = Math.max(0, ...papers.map((paper) => paper.upvotes ?? 0));
  const newest = Math.max(0, ...papers.map(publishedMs));
  const entries = papers.map((paper): DigestEntry => {
    const match = relevance.get(paper.id) ?? { topics: [], score: 0 };
    const votes = maxVotes > 0 ? Math.log1p(paper.upvotes ?? 0) / Math.log1p(maxVotes) : 0;
    const age = publishedMs(paper) > 0 ? (newest - publishedMs(paper)) / 86_400_000 : 7;
    const freshness = Math.max(0, 1 - age / 7);
    const nudges = VOTES_WEIGHT * votes + FRESHNESS_WEIGHT * freshness;
    return {
      paper,
      score: match.score > 0 ? match.score + nudges : votes + FRESHNESS_WEIGHT * freshness,
      relevance: maxScore > 0 ? match.score / maxScore : 0,
      topics: match.topics,
      reason: match.topics.length > 0 ? "topics" : "popular",
    };
  });
  return entries.sort(
    (a, b) =>
      Number(b.reason === "topics") - Number(a.reason === "topics") ||
      b.score - a.score ||
      (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
      a.paper.id.localeCompare(b.paper.id),
  );
}

function publishedMs(paper: Paper): number {
  const ms = paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN;
  return Number.isFinite(ms) ? ms : 0;
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
    // Two sources may describe different arXiv versions: the newer version's record wins (its text is
    // what a summary of that version must read); otherwise the first source's fields win.
    const newer = (paper.version ?? 0) > (seen.version ?? 0);
    const merged: Paper = newer ? { ...seen, ...paper } : { ...paper, ...seen };
    if (votes.length > 0) merged.upvotes = Math.max(...votes);
    byId.set(paper.id, merged);
  }
  return [...byId.values()];
}
