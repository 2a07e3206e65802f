// What a channel did with papers each ISO week (saves, discussions, replies, reactions, likes), as counts per paper.
import { normalizeArxivId } from "../papers/arxiv-id.ts";
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";
import { isoWeekAt } from "./iso-week.ts";

/** The kinds of activity counted. `liked` is also what *More like this* records. */
export const ACTIVITY_KINDS = ["saved", "discussed", "replied", "reacted", "liked"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One paper's counts in one week (absent kinds are zero). */
export type ActivityCounts = Partial<Record<ActivityKind, number>>;

/** A channel's week: counts per paper id. One stored value, however many events made it. */
export interface WeekActivity {
  papers: Record<string, ActivityCounts>;
}

/** One thing that happened to a paper in a channel, at `at`. */
export interface ActivityEvent {
  team: string;
  channel: string;
  paperId: string;
  kind: ActivityKind;
  at: Date;
}

export interface ActivityLedger {
  /** Adds one to the paper's count of `kind` in the channel's week (in the channel's time zone). */
  recordActivity(event: ActivityEvent): Promise<void>;
  /**
   * Takes one off the paper's count of `kind` in the week of `at` (a removed reaction), never below zero. The
   * week is the removal's: a reaction added last week and removed this week leaves last week's count as it was.
   */
  retractActivity(event: ActivityEvent): Promise<void>;
  /** The channel's counts for an ISO week (`2026-W14`); empty when nothing happened or it expired. */
  week(team: string, channel: string, week: string): Promise<WeekActivity>;
}

export interface ActivityLedgerOptions {
  store: StateStore;
  /** The channel's time zone, which decides where its weeks begin. Default UTC. */
  timezoneOf?: (team: string, channel: string) => Promise<string>;
  /** How long a week's counts are kept after its last event. Default 35 days: the roundup reads only recent weeks. */
  ttlMs?: number;
  /** Most papers counted per channel and week; beyond it the least active paper is dropped. Default 500. */
  maxPapersPerWeek?: number;
}

export const DEFAULT_ACTIVITY_TTL_MS = 35 * 86_400_000;
const DEFAULT_MAX_PAPERS = 500;

const weekKey = (team: string, channel: string, week: string) => `activity:week:${team}:${channel}:${week}`;
const lockKey = (team: string, channel: string, week: string) => `activity:lock:${team}:${channel}:${week}`;

/** The sum of a paper's counts: how the least active paper is chosen when a week is full. */
export function totalActivity(counts: ActivityCounts): number {
  return ACTIVITY_KINDS.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
}

/**
 * What a batch of events does to one count: the stored value `n` becomes `max(floor, n + delta)`. Kept in this
 * form, adds and retractions in any order give the count they would have given one at a time (none below zero).
 */
type PendingChange = { delta: number; floor: number };
type PendingCounts = Partial<Record<ActivityKind, PendingChange>>;

/**
 * The ledger on the shared store. A week is one value per channel, changed under the store's lock (so two
 * instances counting at once lose nothing); events arriving while a write is under way are added up in
 * memory and written together by the next one, so a burst of reactions costs a few writes, not one each.
 */
export function createActivityLedger(options: ActivityLedgerOptions): ActivityLedger {
  const { store } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_ACTIVITY_TTL_MS;
  const maxPapers = options.maxPapersPerWeek ?? DEFAULT_MAX_PAPERS;
  const timezoneOf = options.timezoneOf ?? (async () => "UTC");
  // Per week key: counts waiting for the next write, and the write that will carry them.
  const pending = new Map<string, { deltas: Map<string, PendingCounts>; written: Promise<void> }>();

  function flush(team: string, channel: string, week: string): Promise<void> {
    const key = weekKey(team, channel, week);
    return runLocked(
      store,
      lockKey(team, channel, week),
      async () => {
        const batch = pending.get(key);
        // From here on, new events wait for the next write.
        pending.delete(key);
        if (!batch) return;
        const existing = await store.get<WeekActivity>(key);
        const stored = existing ?? { papers: {} };
        for (const [paperId, changes] of batch.deltas) {
          const counts = { ...stored.papers[paperId] };
          for (const kind of ACTIVITY_KINDS) {
            const change = changes[kind];
            if (!change) continue;
            const count = Math.max(change.floor, (counts[kind] ?? 0) + change.delta);
            if (count > 0) counts[kind] = count;
            else delete counts[kind];
          }
          // A paper whose every reaction was taken back is no longer one the week did anything with.
          if (Object.keys(counts).length > 0) stored.papers[paperId] = counts;
          else delete stored.papers[paperId];
        }
        // Reactions taken off in a week that counted nothing leave no empty week behind.
        if (!existing && Object.keys(stored.papers).length === 0) return;
        await store.set(key, capPapers(stored, maxPapers), ttlMs);
      },
      { busyDetail: "Another instance is counting this channel's activity." },
    );
  }

  async function change({ team, channel, paperId, kind, at }: ActivityEvent, step: 1 | -1): Promise<void> {
    const id = normalizeArxivId(paperId) ?? paperId;
    const week = isoWeekAt(at, await timezoneOf(team, channel));
    const key = weekKey(team, channel, week);
    let batch = pending.get(key);
    if (!batch) {
      const created = { deltas: new Map<string, PendingCounts>(), written: Promise.resolve() };
      // A write that never got the lock (busy, store down) must not leave its batch for later events to join.
      created.written = flush(team, channel, week).finally(() => {
        if (pending.get(key) === created) pending.delete(key);
      });
      pending.set(key, created);
      batch = created;
    }
    const changes = batch.deltas.get(id) ?? {};
    const { delta, floor } = changes[kind] ?? { delta: 0, floor: 0 };
    changes[kind] = { delta: delta + step, floor: Math.max(0, floor + step) };
    batch.deltas.set(id, changes);
    await batch.written;
  }

  return {
    recordActivity: (event) => change(event, 1),
    retractActivity: (event) => change(event, -1),
    async week(team, channel, week) {
      return (await store.get<WeekActivity>(weekKey(team, channel, week))) ?? { papers: {} };
    },
  };
}

/** Keeps the `max` most active papers of a week (a flood of one-off reactions cannot grow it without end). */
function capPapers(week: WeekActivity, max: number): WeekActivity {
  const entries = Object.entries(week.papers);
  if (entries.length <= max) return week;
  entries.sort((a, b) => totalActivity(b[1]) - totalActivity(a[1]));
  return { papers: Object.fromEntries(entries.slice(0, max)) };
}
