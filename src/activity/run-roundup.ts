// One channel's weekly roundup for one ISO week: compose from the counts, post exactly once, say what was done.
import { createDigestLedger } from "../digest/digest-ledger.ts";
import { type OnceStatus, outcomeRun, runExactlyOnce } from "../digest/run-exactly-once.ts";
import { createThreadStore } from "../discussion/thread-store.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import type { ActivityLedger } from "./activity-ledger.ts";
import { composeRoundup, type Roundup, type RoundupEntry, roundupPaperIds } from "./compose-roundup.ts";
import { weekRange } from "./iso-week.ts";
import type { RoundupPost, RoundupPublisher } from "./roundup-publisher.ts";
import type { WeeklyConfig, WeeklySettings } from "./weekly-settings.ts";

/** Everything a roundup run needs; built once in the weekly feature. */
export interface RoundupDeps {
  store: StateStore;
  /** The deployment's Slack team: it keys the counts, the settings and the ledger. */
  team: string;
  settings: WeeklySettings;
  activity: ActivityLedger;
  publisher: RoundupPublisher;
  /** Looks a paper up for its title; undefined when it cannot be found (the roundup shows the id). */
  lookup(paperId: string): Promise<Paper | undefined>;
  logger: Logger;
  /** How long a run holds a channel's week before another instance may take over after a crash. Default 10 min. */
  lockTtlMs?: number;
}

/** What a run did (the statuses of a digest run). */
export interface RoundupRun {
  channel: string;
  week: string;
  status: OnceStatus | "dry_run";
  ts?: string;
  paperIds: string[];
  roundup?: Roundup;
  message?: RoundupPost;
  error?: string;
}

const DEFAULT_LOCK_TTL_MS = 10 * 60_000;
/** Roundup ledger entries outlive a year of weeks' catch-up windows by far. */
const WEEKLY_LEDGER_TTL_MS = 120 * 86_400_000;

/** The ledger keyed by ISO week, on the digest's run coordinator. */
export function roundupLedger(store: StateStore, team: string) {
  return createDigestLedger(store, team, { job: "weekly", entryTtlMs: WEEKLY_LEDGER_TTL_MS });
}

/**
 * Runs `week`'s roundup for the channel: exactly once per (team, channel, week) across instances and
 * restarts, through the same lock, ledger and crash recovery as the daily digest. Never throws.
 */
export async function runRoundup(args: {
  deps: RoundupDeps;
  config: WeeklyConfig;
  week: string;
  now: Date;
  dryRun?: boolean;
}): Promise<RoundupRun> {
  const { deps, config, week, now } = args;
  const channel = config.channel;
  const base = { channel, week, paperIds: [] as string[] };
  if (args.dryRun) {
    const prepared = await prepareRoundup(deps, config, week);
    return { ...prepared, status: "dry_run" };
  }
  const outcome = await runExactlyOnce({
    ledger: roundupLedger(deps.store, deps.team),
    channel,
    period: week,
    now,
    lockTtlMs: deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    logger: deps.logger,
    async prepare() {
      const prepared = await prepareRoundup(deps, config, week);
      return { prepared, ...(prepared.message ? { post: prepared.message } : {}) };
    },
    publish: (post) => deps.publisher.publish(channel, post),
    findPosted: (claimedAt, budgetMs) => deps.publisher.findPosted(channel, week, claimedAt, budgetMs),
  });
  if (outcome.status === "posted")
    deps.logger.info({ channel, week, ts: outcome.ts }, "weekly roundup posted");
  return outcomeRun(outcome, base);
}

/** Composes the roundup from the week's counts and digests, with titles and thread links, and renders it. */
async function prepareRoundup(
  deps: RoundupDeps,
  config: WeeklyConfig,
  week: string,
): Promise<Omit<RoundupRun, "status">> {
  const { monday, sunday } = weekRange(week);
  const [activity, digestPapers] = await Promise.all([
    deps.activity.week(deps.team, config.channel, week),
    createDigestLedger(deps.store, deps.team).postedBetween(config.channel, monday, sunday),
  ]);
  const composed = composeRoundup({
    channel: config.channel,
    week,
    activity,
    digestPapers,
    quiet: config.quiet,
  });
  const threads = createThreadStore(deps.store);
  const enrich = async (entry: RoundupEntry): Promise<RoundupEntry> => {
    const [paper, threadTs] = await Promise.all([
      deps.lookup(entry.paperId).catch(() => undefined),
      threads.threadFor(deps.team, config.channel, entry.paperId),
    ]);
    // A link Slack cannot give is left out; the roundup still goes out.
    const threadUrl = threadTs
      ? await deps.publisher.threadLink(config.channel, threadTs).catch(() => undefined)
      : undefined;
    return {
      ...entry,
      ...(paper ? { paper } : {}),
      ...(threadTs ? { threadTs } : {}),
      ...(threadUrl ? { threadUrl } : {}),
    };
  };
  const roundup: Roundup = {
    ...composed,
    active: await Promise.all(composed.active.map(enrich)),
    digestLiked: await Promise.all(composed.digestLiked.map(enrich)),
  };
  const message = deps.publisher.render(roundup);
  return {
    channel: config.channel,
    week,
    roundup,
    paperIds: roundupPaperIds(roundup),
    ...(message ? { message } : {}),
  };
}
