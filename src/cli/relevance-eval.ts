// The offline relevance evaluation: simulated channels over consecutive corpus days, precision@8 per ranker.
import { rankCandidates } from "../digest/compose-digest.ts";
import { type LearningFeedback, rankWithFeedback } from "../digest/learned-ranking.ts";
import { countPhrase, stemText, stemTokens } from "../digest/text-terms.ts";
import { paperTerms, topTerms } from "../feedback/paper-terms.ts";
import type { Paper } from "../papers/paper.ts";

/** A simulated channel: its topics, what its members actually want, and how much feedback they give. */
export interface RelevanceProfile {
  name: string;
  topics: string[];
  interest: { categories: string[]; keywords: string[] };
  /** Most *Less like this* clicks a day (on shown papers outside the interest). */
  feedbackPerDay: number;
}

export interface PrecisionTriple {
  newest: number;
  topics: number;
  learned: number;
}

/** The `--json` contract: per profile, precision@8 per day; then the mean over all profiles and days. */
export interface RelevanceReport {
  profiles: { name: string; days: PrecisionTriple[] }[];
  mean: PrecisionTriple;
}

/** A learning ranker under test: the shipped one by default; the bench also measures an alternative. */
export type Learner = (
  papers: readonly Paper[],
  topics: readonly string[],
  feedback: readonly LearningFeedback[],
  now: Date,
) => { paper: Paper }[];

/** Papers shown per digest (a channel's default `maxPapers`). */
export const DIGEST_SIZE = 8;
/** Feedback the simulated channel keeps, as the feedback store does. */
const MAX_FEEDBACK = 200;

/**
 * Runs every profile over `days` (each a day's candidates, in date order). Newest first and topics only
 * never learn; the learning ranker's channel gets its members' feedback on what it showed each day:
 * *More like this* on every shown paper in the interest, *Less like this* on up to `feedbackPerDay` others.
 */
export function evaluateRelevance(
  profiles: readonly RelevanceProfile[],
  days: readonly { date: string; papers: readonly Paper[] }[],
  learner: Learner = rankWithFeedback,
): RelevanceReport {
  const report: RelevanceReport["profiles"] = profiles.map((profile) => {
    const wanted = interestJudge(profile);
    const feedback: LearningFeedback[] = [];
    const result = days.map(({ date, papers }) => {
      const now = new Date(`${date}T12:00:00Z`);
      const newest = [...papers].sort(newestFirst).slice(0, DIGEST_SIZE);
      const topics = rankCandidates(papers, profile.topics).slice(0, DIGEST_SIZE);
      const learned = learner(papers, profile.topics, feedback, now).slice(0, DIGEST_SIZE);
      let dislikes = 0;
      for (const { paper } of learned) {
        const liked = wanted(paper);
        if (!liked && dislikes >= profile.feedbackPerDay) continue;
        if (!liked) dislikes++;
        remember(feedback, paper, liked ? "positive" : "negative", now);
      }
      const precision = (shown: readonly { paper: Paper }[]) =>
        shown.filter(({ paper }) => wanted(paper)).length / DIGEST_SIZE;
      return {
        newest: precision(newest.map((paper) => ({ paper }))),
        topics: precision(topics),
        learned: precision(learned),
      };
    });
    return { name: profile.name, days: result };
  });
  return { profiles: report, mean: meanOf(report.flatMap((profile) => profile.days)) };
}

/** The mean of each ranker's precision over the given days (0 when there are none). */
export function meanOf(days: readonly PrecisionTriple[]): PrecisionTriple {
  const sum = (key: keyof PrecisionTriple) =>
    days.length === 0 ? 0 : days.reduce((total, day) => total + day[key], 0) / days.length;
  return { newest: sum("newest"), topics: sum("topics"), learned: sum("learned") };
}

/** Whether a paper is one the profile's members want: one of its categories, and a keyword in title or abstract. */
export function interestJudge(profile: RelevanceProfile): (paper: Paper) => boolean {
  const categories = new Set(profile.interest.categories);
  const keywords = profile.interest.keywords.map(stemTokens).filter((stems) => stems.length > 0);
  return (paper) =>
    paper.categories.some((category) => categories.has(category)) &&
    keywords.some((stems) => countPhrase(stemText(`${paper.title}\n${paper.abstract}`), stems) > 0);
}

function remember(feedback: LearningFeedback[], paper: Paper, kind: LearningFeedback["kind"], now: Date) {
  const at = feedback.findIndex((item) => item.id === paper.id);
  if (at >= 0) feedback.splice(at, 1);
  const item = { id: paper.id, title: paper.title, kind, explicit: true, at: now.toISOString() };
  feedback.unshift({ ...item, terms: topTerms(paperTerms(paper)) });
  feedback.length = Math.min(feedback.length, MAX_FEEDBACK);
}

function newestFirst(a: Paper, b: Paper): number {
  // Within a day, a later arXiv id was submitted later.
  return (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || b.id.localeCompare(a.id);
}
