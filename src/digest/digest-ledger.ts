// The digest ledger (one entry per team, channel and local date) and each channel's recently posted paper ids;
// the same ledger, under another job name, keys other once-per-period posts (the weekly roundup, per ISO week).
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";
import { addDays } from "./zoned-time.ts";

/**
 * Where a channel's digest for a date stands.
 * - `claimed`: a run took it and may have posted; whoever comes next checks the channel's history first.
 * - `failed`: a run gave up knowing nothing was posted (Slack refused or rate-limited); safe to post again.
 * - `posted`: done, with the message ts. `skipped`: done, nothing to post (empty day set to "skip").
 */
export interface LedgerEntry {
  state: "claimed" | "failed" | "posted" | "skipped";
  /** ISO time of the latest claim; crash recovery looks at the channel's history from shortly before it. */
  claimedAt: string;
  attempts: number;
  ts?: string;
  paperIds?: string[];
  finishedAt?: string;
  error?: string;
}

/**
 * How far back a channel's posted papers are remembered: a paper is not repeated within this many days,
 * whichever source brings it back and whatever its version (ids carry no version). Half a year, not two
 * weeks: Hugging Face features papers weeks after arXiv announced them, and new versions come months later.
 */
export const REPEAT_WINDOW_DAYS = 180;
/** At most this many remembered ids per channel (the oldest days go first): 20 papers a day for half a year. */
export const MAX_REMEMBERED_IDS = 3_600;
/** Ledger entries outlive any catch-up window by far; after that they are only history. */
const LEDGER_TTL_MS = 40 * 86_400_000;

export interface DigestLedger {
  get(channel: string, date: string): Promise<LedgerEntry | undefined>;
  /** Records that a run is about to post (call while holding `lock`). */
  markClaimed(channel: string, date: string, now: Date): Promise<LedgerEntry>;
  /** Completes the entry with the message ts (or as skipped when `ts` is undefined). */
  complete(
    channel: string,
    date: string,
    result: { ts?: string; paperIds: string[] },
    now: Date,
  ): Promise<void>;
  /** Marks the entry as failed-before-posting, so the next run may post without a history check. */
  markFailed(channel: string, date: string, error: string, now: Date): Promise<void>;
  /**
   * The short-lived run lock for (channel, date): the store's atomic claim, so across every instance one
   * run at a time works on a channel's day. It expires by itself if its holder crashes.
   */
  lock(channel: string, date: string, ttlMs: number): Promise<boolean>;
  unlock(channel: string, date: string): Promise<void>;
  /** Ids posted to the channel on the `REPEAT_WINDOW_DAYS` days before `date`. */
  recentlyPosted(channel: string, date: string): Promise<Set<string>>;
  /** Ids posted to the channel from `from` to `to` (dates, both included), as far back as the repeat window keeps. */
  postedBetween(channel: string, from: string, to: string): Promise<Set<string>>;
  /** The same ids, each with the highest arXiv version posted (0 when it was not known). */
  shownVersions(channel: string, date: string): Promise<Map<string, number>>;
  /**
   * Remembers what the channel got on `date`, forgetting days older than the repeat window. Runs for other
   * dates of the channel (a catch-up and today's, on any instance) record one at a time, so none is lost.
   * Throws `busy` when another run holds the channel's list for longer than `recordWaitMs`.
   */
  recordPosted(
    channel: string,
    date: string,
    ids: string[],
    versions?: ReadonlyMap<string, number>,
  ): Promise<void>;
}

export interface DigestLedgerOptions {
  /** How long `recordPosted` waits for another run recording the same channel. Default 5 s. */
  recordWaitMs?: number;
  /**
   * Which scheduled post the ledger is for; it prefixes every key, so another once-per-period post (the
   * weekly roundup, keyed by ISO week) shares this run coordinator without touching the digest's entries.
   * Default "digest" (the keys the daily digest has always used).
   */
  job?: string;
  /** How long an entry is kept. Default 40 days; a weekly job keeps its entries longer. */
  entryTtlMs?: number;
}

interface PostedDay {
  date: string;
  ids: string[];
  /** Id → the arXiv version posted, for the ids whose version was known. */
  versions?: Record<string, number>;
}

/** The newest days whose ids fit in MAX_REMEMBERED_IDS, oldest first. */
function capDays(days: PostedDay[]): PostedDay[] {
  let total = 0;
  let first = days.length;
  while (first > 0 && total + (days[first - 1]?.ids.length ?? 0) <= MAX_REMEMBERED_IDS) {
    first--;
    total += days[first]?.ids.length ?? 0;
  }
  return days.slice(first);
}

/** The ledger for one Slack team (workspace) on the shared state store. */
export function createDigestLedger(
  store: StateStore,
  team: string,
  options: DigestLedgerOptions = {},
): DigestLedger {
  const job = options.job ?? "digest";
  const entryTtlMs = options.entryTtlMs ?? LEDGER_TTL_MS;
  const entryKey = (channel: string, date: string) => `${job}:ledger:${team}:${channel}:${date}`;
  const lockKey = (channel: string, date: string) => `${job}:lock:${team}:${channel}:${date}`;
  const postedKey = (channel: string) => `${job}:posted:${team}:${channel}`;
  const postedLockKey = (channel: string) => `${job}:posted-lock:${team}:${channel}`;
  const recordOptions = {
    busyDetail: "Another digest run is recording this channel's papers.",
    ...(options.recordWaitMs !== undefined ? { waitMs: options.recordWaitMs } : {}),
  };

  const get = (channel: string, date: string) => store.get<LedgerEntry>(entryKey(channel, date));
  const put = (channel: string, date: string, entry: LedgerEntry) =>
    store.set(entryKey(channel, date), entry, entryTtlMs);

  async function shownVersions(channel: string, date: string): Promise<Map<string, number>> {
    const days = (await store.get<PostedDay[]>(postedKey(channel))) ?? [];
    const since = addDays(date, -REPEAT_WINDOW_DAYS);
    const shown = new Map<string, number>();
    for (const day of days) {
      if (day.date < since || day.date >= date) continue;
      for (const id of day.ids) shown.set(id, Math.max(shown.get(id) ?? 0, day.versions?.[id] ?? 0));
    }
    return shown;
  }

  return {
    get,
    async markClaimed(channel, date, now) {
      const previous = await get(channel, date);
      const entry: LedgerEntry = {
        state: "claimed",
        claimedAt: now.toISOString(),
        attempts: (previous?.attempts ?? 0) + 1,
      };
      await put(channel, date, entry);
      return entry;
    },
    async complete(channel, date, result, now) {
      const previous = await get(channel, date);
      const entry: LedgerEntry = {
        state: result.ts ? "posted" : "skipped",
        claimedAt: previous?.claimedAt ?? now.toISOString(),
        attempts: previous?.attempts ?? 1,
        paperIds: result.paperIds,
        finishedAt: now.toISOString(),
      };
      if (result.ts) entry.ts = result.ts;
      await put(channel, date, entry);
    },
    async markFailed(channel, date, error, now) {
      const previous = await get(channel, date);
      await put(channel, date, {
        state: "failed",
        claimedAt: previous?.claimedAt ?? now.toISOString(),
        attempts: previous?.attempts ?? 1,
        error,
        finishedAt: now.toISOString(),
      });
    },
    lock: (channel, date, ttlMs) => store.claim(lockKey(channel, date), Math.max(1, Math.round(ttlMs))),
    unlock: (channel, date) => store.release(lockKey(channel, date)),
    async recentlyPosted(channel, date) {
      return new Set((await shownVersions(channel, date)).keys());
    },
    async postedBetween(channel, from, to) {
      const days = (await store.get<PostedDay[]>(postedKey(channel))) ?? [];
      return new Set(days.filter((day) => day.date >= from && day.date <= to).flatMap((day) => day.ids));
    },
    shownVersions,
    recordPosted(channel, date, ids, versions) {
      // The list is one value per channel holding every date: without the lock, runs for two dates that
      // overlap would each write back what they read and drop the other's ids (a paper then repeats).
      return runLocked(
        store,
        postedLockKey(channel),
        async () => {
          const days = (await store.get<PostedDay[]>(postedKey(channel))) ?? [];
          const since = addDays(date, -REPEAT_WINDOW_DAYS);
          const kept = days.filter((day) => day.date >= since && day.date !== date);
          const day: PostedDay = { date, ids };
          const known = ids.filter((id) => versions?.get(id));
          if (known.length > 0)
            day.versions = Object.fromEntries(known.map((id) => [id, versions?.get(id) ?? 0]));
          kept.push(day);
          kept.sort((a, b) => a.date.localeCompare(b.date));
          await store.set(postedKey(channel), capDays(kept));
        },
        recordOptions,
      );
    },
  };
}
