// The run coordinator behind every once-per-period post (digest, weekly roundup, journal club): lock, ledger, recovery.
import type { Logger } from "../logger.ts";
import type { DigestLedger, LedgerEntry } from "./digest-ledger.ts";
import { certainlyNotPosted, type PostedDigest } from "./digest-publisher.ts";

/** One post for one channel and period ("2026-03-30", "2026-W14", "2026-12-03.announce"), and how to make, post and find it. */
export interface OncePerPeriodJob<Prepared extends { paperIds: string[] }, Post> {
  ledger: DigestLedger;
  channel: string;
  period: string;
  now: Date;
  /** How long the run holds the period before another instance may take over after a crash. */
  lockTtlMs: number;
  logger: Logger;
  /** Composes what to post (called under the lock); `post` undefined means nothing to post (skipped). */
  prepare(): Promise<{ prepared: Prepared; post?: Post }>;
  /** Posts; throws on failure (`notPosted: true` when the post certainly did not happen). */
  publish(post: Post): Promise<{ ts: string }>;
  /** Looks for the period's post made since an interrupted claim; undefined when certainly not posted. */
  findPosted(claimedAt: string, budgetMs: number): Promise<PostedDigest | undefined>;
  /** Runs after the ledger says `posted` (or `recovered`); a failure is logged and does not undo the post. */
  afterPosted?(posted: PostedDigest): Promise<void>;
}

const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 60 * 60_000;

/** What the coordinator did; the caller words it (a `DigestRun`, a roundup run). */
export type OnceOutcome<Prepared> =
  | { status: "already_posted"; ts?: string; paperIds: string[] }
  | { status: "busy" }
  | { status: "recovered"; ts: string; paperIds: string[] }
  | { status: "skipped"; prepared: Prepared }
  | { status: "posted"; ts: string; prepared: Prepared }
  | { status: "failed"; error: string };

/** Every status a once-per-period run reports (a digest run adds `dry_run` and `not_configured`). */
export type OnceStatus = OnceOutcome<unknown>["status"];

/**
 * The run record for an outcome, as the digest and the roundup report it: what was prepared when the run
 * composed something (posted, skipped), otherwise the caller's `base` (channel, period, no papers).
 */
export function outcomeRun<Prepared extends { paperIds: string[] }, Base extends { paperIds: string[] }>(
  outcome: OnceOutcome<Prepared>,
  base: Base,
): (Base | Prepared) & { status: OnceStatus; ts?: string; error?: string } {
  switch (outcome.status) {
    case "already_posted":
    case "recovered":
      return { ...base, ...outcome };
    case "busy":
      return { ...base, status: "busy" };
    case "failed":
      return { ...base, status: "failed", error: outcome.error };
    case "skipped":
      return { ...outcome.prepared, status: "skipped" };
    case "posted":
      return { ...outcome.prepared, status: "posted", ts: outcome.ts };
  }
}

/**
 * Posts a channel's period exactly once across every instance sharing the store: takes the ledger's
 * lock, re-reads the entry, marks it `claimed` just before posting and `posted` (with the ts) right after.
 * A run that finds a `claimed` entry (its predecessor crashed mid-post) first asks `findPosted`.
 * Never throws: failures come back as `failed` (the scheduler's sweep retries them).
 */
export async function runExactlyOnce<Prepared extends { paperIds: string[] }, Post>(
  job: OncePerPeriodJob<Prepared, Post>,
): Promise<OnceOutcome<Prepared>> {
  const { ledger, channel, period } = job;
  try {
    const done = await ledger.get(channel, period);
    if (done && isFinished(done)) return finished(done);
    if (!(await ledger.lock(channel, period, job.lockTtlMs))) return { status: "busy" };
    try {
      return await underLock(job);
    } finally {
      await ledger.unlock(channel, period).catch(() => {});
    }
  } catch (error) {
    job.logger.error({ err: error, channel, period }, "scheduled post failed");
    return { status: "failed", error: (error as Error).message };
  }
}

async function underLock<Prepared extends { paperIds: string[] }, Post>(
  job: OncePerPeriodJob<Prepared, Post>,
): Promise<OnceOutcome<Prepared>> {
  const { ledger, channel, period, now } = job;
  // Someone may have finished between our first look and taking the lock.
  const entry = await ledger.get(channel, period);
  if (entry && isFinished(entry)) return finished(entry);
  if (entry?.state === "claimed") {
    // A quarter of the lease, so the run finishes well before another instance may take the lock over.
    const found = await job.findPosted(entry.claimedAt, job.lockTtlMs / 4);
    if (found) {
      await ledger.complete(channel, period, found, now);
      await afterPosted(job, found);
      job.logger.info({ channel, period, ts: found.ts }, "post found in history after an interrupted run");
      return { status: "recovered", ts: found.ts, paperIds: found.paperIds };
    }
  }
  const { prepared, post } = await job.prepare();
  if (post === undefined) {
    await ledger.complete(channel, period, { paperIds: [] }, now);
    return { status: "skipped", prepared };
  }
  await ledger.markClaimed(channel, period, now);
  let ts: string;
  try {
    ({ ts } = await job.publish(post));
  } catch (error) {
    // Only a post Slack certainly refused may be retried without the history check; a history
    // failure or an ambiguous post (timeout) leaves the entry `claimed`.
    if (certainlyNotPosted(error)) {
      await ledger.markFailed(channel, period, (error as Error).message, now).catch(() => {});
    }
    throw error;
  }
  await ledger.complete(channel, period, { ts, paperIds: prepared.paperIds }, now);
  await afterPosted(job, { ts, paperIds: prepared.paperIds });
  return { status: "posted", ts, prepared };
}

/** The post is out and recorded, so a failing follow-up (recording papers, a thread) is only logged. */
async function afterPosted<Prepared extends { paperIds: string[] }, Post>(
  job: OncePerPeriodJob<Prepared, Post>,
  posted: PostedDigest,
): Promise<void> {
  try {
    await job.afterPosted?.(posted);
  } catch (error) {
    job.logger.warn({ err: error, channel: job.channel, period: job.period }, "after-post step failed");
  }
}

/**
 * Why a period that failed is not retried yet at `at` (undefined when it may be): a channel Slack keeps
 * refusing is retried with growing pauses (5, 10, 20… up to 60 min), not on every sweep. Schedulers ask
 * this before `runExactlyOnce`; a run someone asks for by hand does not wait.
 */
export function waitingToRetry(entry: LedgerEntry | undefined, at: Date): string | undefined {
  if (entry?.state !== "failed" || !entry.finishedAt) return undefined;
  const pause = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, entry.attempts - 1));
  if (at.getTime() >= Date.parse(entry.finishedAt) + pause) return undefined;
  return `waiting to retry after: ${entry.error ?? "a failure"}`;
}

/** True when the entry says the period is done (posted, or skipped with nothing to post). */
export function isFinished(entry: LedgerEntry): boolean {
  return entry.state === "posted" || entry.state === "skipped";
}

function finished(entry: LedgerEntry): OnceOutcome<never> {
  return { status: "already_posted", paperIds: entry.paperIds ?? [], ...(entry.ts ? { ts: entry.ts } : {}) };
}
