// Posts one message per (channel, occurrence) exactly once across instances and restarts, on the digest ledger.
import type { DigestLedger, LedgerEntry } from "./digest-ledger.ts";
import { certainlyNotPosted } from "./digest-publisher.ts";

/** What `postOnce` did for an occurrence. */
export type PostOnceStatus =
  | "posted" // posted now
  | "already_posted" // the ledger says it was done (posted or skipped)
  | "recovered" // an interrupted run had posted it; found in the channel's history and recorded
  | "skipped" // `prepare` had nothing to post; recorded, never tried again
  | "busy" // another run (maybe another instance) holds this occurrence
  | "failed"; // retried by a later tick

export interface PostOnceResult {
  status: PostOnceStatus;
  ts?: string;
  error?: string;
}

export interface PostOnceOptions<Post> {
  /** A ledger (`createDigestLedger` with its own `job` for anything that is not the digest). */
  ledger: DigestLedger;
  channel: string;
  /** What is posted once: a date for the digest, `2026-12-03.announce` for a journal club message. */
  occurrence: string;
  now: Date;
  /** How long a run holds the occurrence before another instance may take over after a crash. Default 10 min. */
  lockTtlMs?: number;
  /** Runs under the lock before posting: the message, or undefined to record the occurrence as skipped. */
  prepare(): Promise<Post | undefined>;
  /** Posts; throws on failure (an error with `notPosted: true` means it certainly did not happen). */
  publish(post: Post): Promise<{ ts: string }>;
  /** Looks for an interrupted run's post since `claimedAt`; undefined when certainly not posted, throws when unsure. */
  findPosted(claimedAt: string, budgetMs: number): Promise<{ ts: string } | undefined>;
  /** Runs after a successful post (or recovery), with its ts; failures here do not undo the post. */
  afterPost?(ts: string): Promise<void>;
}

const DEFAULT_LOCK_TTL_MS = 10 * 60_000;
/** A post Slack refused is tried again after this pause, not on every tick. */
const RETRY_PAUSE_MS = 5 * 60_000;

/**
 * The digest's exactly-once protocol for any single message: look at the ledger, take the occurrence's
 * lock, look again, check the channel's history after an interrupted run, mark `claimed` just before
 * posting and `posted` with the ts right after. Never throws: failures come back as `failed`.
 */
export async function postOnce<Post>(options: PostOnceOptions<Post>): Promise<PostOnceResult> {
  const { ledger, channel, occurrence, now } = options;
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  try {
    const seen = await ledger.get(channel, occurrence);
    const early = settled(seen, now);
    if (early) return early;
    if (!(await ledger.lock(channel, occurrence, lockTtlMs))) return { status: "busy" };
    try {
      return await underLock(options, lockTtlMs);
    } finally {
      await ledger.unlock(channel, occurrence).catch(() => {});
    }
  } catch (error) {
    return { status: "failed", error: (error as Error).message };
  }
}

async function underLock<Post>(options: PostOnceOptions<Post>, lockTtlMs: number): Promise<PostOnceResult> {
  const { ledger, channel, occurrence, now } = options;
  const entry = await ledger.get(channel, occurrence);
  const done = settled(entry, now);
  if (done) return done;
  if (entry?.state === "claimed") {
    // A quarter of the lease, so this run finishes well before another instance may take the lock over.
    const found = await options.findPosted(entry.claimedAt, lockTtlMs / 4);
    if (found) {
      await ledger.complete(channel, occurrence, { ts: found.ts, paperIds: [] }, now);
      await options.afterPost?.(found.ts).catch(() => {});
      return { status: "recovered", ts: found.ts };
    }
  }
  const post = await options.prepare();
  if (post === undefined) {
    await ledger.complete(channel, occurrence, { paperIds: [] }, now);
    return { status: "skipped" };
  }
  await ledger.markClaimed(channel, occurrence, now);
  let ts: string;
  try {
    ({ ts } = await options.publish(post));
  } catch (error) {
    if (certainlyNotPosted(error)) {
      await ledger.markFailed(channel, occurrence, (error as Error).message, now).catch(() => {});
    }
    throw error;
  }
  await ledger.complete(channel, occurrence, { ts, paperIds: [] }, now);
  await options.afterPost?.(ts).catch(() => {});
  return { status: "posted", ts };
}

/** The result for an entry that needs no run now: finished, or failed too recently to retry. */
function settled(entry: LedgerEntry | undefined, now: Date): PostOnceResult | undefined {
  if (entry?.state === "posted" || entry?.state === "skipped") {
    return { status: "already_posted", ...(entry.ts ? { ts: entry.ts } : {}) };
  }
  if (entry?.state === "failed" && entry.finishedAt) {
    if (now.getTime() < Date.parse(entry.finishedAt) + RETRY_PAUSE_MS) {
      return { status: "failed", error: `waiting to retry after: ${entry.error ?? "a failure"}` };
    }
  }
  return undefined;
}
