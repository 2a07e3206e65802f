// Composes a channel's weekly roundup from its week of counts: the most active papers and the most-liked digest papers.
import type { Paper } from "../papers/paper.ts";
import { ACTIVITY_KINDS, type ActivityCounts, totalActivity, type WeekActivity } from "./activity-ledger.ts";
import { weekRange } from "./iso-week.ts";
import type { QuietWeek } from "./weekly-settings.ts";

/** A paper in the roundup: its counts, and where it was discussed when it was. */
export interface RoundupEntry {
  paperId: string;
  /** The paper itself when it could be looked up (a title to show); else only its id is shown. */
  paper?: Paper;
  counts: ActivityCounts;
  /** The ts of the channel's discussion thread of the paper, and a link to it when Slack gave one. */
  threadTs?: string;
  threadUrl?: string;
}

/** A channel's week, ready to render. */
export interface Roundup {
  channel: string;
  /** `2026-W14` */
  week: string;
  monday: string;
  sunday: string;
  /** The most active papers of the week, most active first. */
  active: RoundupEntry[];
  /** This week's digest papers with likes, most liked first. */
  digestLiked: RoundupEntry[];
  /** Every count of the week added up, over every paper (also those not listed). */
  totals: ActivityCounts;
  /** How many papers had any activity. */
  paperCount: number;
  /** What to post when nothing happened. */
  quiet: QuietWeek;
}

export interface ComposeRoundupInput {
  channel: string;
  week: string;
  activity: WeekActivity;
  /** Ids of the papers this channel's digests carried during the week. */
  digestPapers: ReadonlySet<string>;
  quiet: QuietWeek;
  /** Most active papers listed. Default 8. */
  maxActive?: number;
  /** Most-liked digest papers listed. Default 5. */
  maxDigestLiked?: number;
}

/** Pure: ranks the week's papers (ties: more likes, then the id, so every instance composes the same roundup). */
export function composeRoundup(input: ComposeRoundupInput): Roundup {
  const entries = Object.entries(input.activity.papers)
    .map(([paperId, counts]) => ({ paperId, counts }))
    .filter((entry) => totalActivity(entry.counts) > 0);
  const byActivity = [...entries].sort(
    (a, b) =>
      totalActivity(b.counts) - totalActivity(a.counts) ||
      (b.counts.liked ?? 0) - (a.counts.liked ?? 0) ||
      a.paperId.localeCompare(b.paperId),
  );
  const digestLiked = entries
    .filter((entry) => input.digestPapers.has(entry.paperId) && (entry.counts.liked ?? 0) > 0)
    .sort(
      (a, b) =>
        (b.counts.liked ?? 0) - (a.counts.liked ?? 0) ||
        totalActivity(b.counts) - totalActivity(a.counts) ||
        a.paperId.localeCompare(b.paperId),
    );
  const totals: ActivityCounts = {};
  for (const { counts } of entries) {
    for (const kind of ACTIVITY_KINDS)
      if (counts[kind]) totals[kind] = (totals[kind] ?? 0) + (counts[kind] ?? 0);
  }
  return {
    channel: input.channel,
    week: input.week,
    ...weekRange(input.week),
    active: byActivity.slice(0, input.maxActive ?? 8),
    digestLiked: digestLiked.slice(0, input.maxDigestLiked ?? 5),
    totals,
    paperCount: entries.length,
    quiet: input.quiet,
  };
}

/** True when nothing happened to any paper in the channel that week. */
export function isQuiet(roundup: Roundup): boolean {
  return roundup.paperCount === 0;
}

/** Every paper id the roundup lists (for the ledger and the message metadata). */
export function roundupPaperIds(roundup: Roundup): string[] {
  return [...new Set([...roundup.active, ...roundup.digestLiked].map((entry) => entry.paperId))];
}
