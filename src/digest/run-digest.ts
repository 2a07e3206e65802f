// One channel's digest for one local date: compose, summarise, post exactly once, and say what was done.
import { setTimeout as sleep } from "node:timers/promises";
import pLimit, { type LimitFunction } from "p-limit";
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Logger } from "../logger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Summarizer } from "../summaries/summarizer.ts";
import type { CandidateFetcher } from "./candidate-fetcher.ts";
import type { ChannelSettings } from "./channel-settings.ts";
import { composeDigest, type Digest } from "./compose-digest.ts";
import { createDigestLedger, type DigestLedger, type LedgerEntry } from "./digest-ledger.ts";
import { certainlyNotPosted, type DigestPost, type DigestPublisher } from "./digest-publisher.ts";
import { localParts } from "./zoned-time.ts";

/** Everything a digest run needs; built once in main.ts and shared by the scheduler, Slack and the CLI. */
export interface DigestDeps {
  store: StateStore;
  settings: ChannelSettings;
  /** Where digests go: renders, posts, and finds a crashed run's post (Slack: `createSlackDigestPublisher`). */
  publisher: DigestPublisher;
  candidates: CandidateFetcher;
  summarizer: Pick<Summarizer, "summarize">;
  logger: Logger;
  /** The Slack team (workspace) id; part of the ledger key. Default "T_DEFAULT". */
  team?: string;
  /** Summaries in flight at once per digest. Default 4. */
  summaryConcurrency?: number;
  /** Digests being composed at once across channels (sources, index, summaries). Default 4. */
  composeGate?: LimitFunction;
  /** How long a run holds a channel's day before another instance may take over after a crash. Default 10 min. */
  lockTtlMs?: number;
  /** How long recording a posted digest's papers waits, per attempt, for another run of the channel. Default 5 s. */
  recordWaitMs?: number;
}

/** What a run did. Jobs return what they did: the CLI prints it, tests assert on it. */
export interface DigestRun {
  channel: string;
  date: string;
  status:
    | "posted" // posted now
    | "dry_run" // composed, not posted
    | "already_posted" // the ledger says it was done (posted or skipped)
    | "recovered" // a crashed run had posted it; found in the channel's history and recorded
    | "skipped" // nothing to post: empty day set to "skip"
    | "busy" // another run (maybe another instance) holds this channel's day
    | "failed" // will be retried by the scheduler's next sweep
    | "not_configured";
  ts?: string;
  /** The message posted, or that would be posted, as the publisher rendered it. */
  message?: DigestPost;
  digest?: Digest;
  paperIds: string[];
  unreachable: string[];
  error?: string;
}

export interface RunDigestOptions {
  deps: DigestDeps;
  /** A channel id (settings are read fresh) or its settings. */
  channel: string | ChannelConfig;
  now: Date;
  /** The channel's local date to post for; default today in the channel's time zone. */
  date?: string;
  /** Compose and render only: no ledger, no lock, no post. */
  dryRun?: boolean;
}

const DEFAULT_LOCK_TTL_MS = 10 * 60_000;
/** Attempts at recording a posted digest's papers before the run gives up on it (the digest stays posted). */
const RECORD_ATTEMPTS = 3;
const RECORD_RETRY_PAUSE_MS = 100;
const defaultGate = pLimit(4);

/**
 * Runs a channel's digest for a date. Exactly once per (team, channel, date): the run takes the store's
 * atomic lock, re-reads the ledger, and marks the entry `claimed` just before posting and `posted` (with
 * the ts) right after. A run that finds a `claimed` entry (its predecessor crashed or lost its connection
 * mid-post) first asks the publisher whether that date's digest went out after all.
 * Never throws for Slack or source failures: they come back as status "failed" (retried later).
 */
export async function runDigest(options: RunDigestOptions): Promise<DigestRun> {
  const { deps, now } = options;
  const config =
    typeof options.channel === "string" ? await deps.settings.get(options.channel) : options.channel;
  const channelId = typeof options.channel === "string" ? options.channel : options.channel.channel;
  const date =
    options.date ?? (config ? localParts(now, config.timezone).date : now.toISOString().slice(0, 10));
  const base = { channel: channelId, date, paperIds: [] as string[], unreachable: [] as string[] };
  if (!config) return { ...base, status: "not_configured" };
  if (options.dryRun) return { ...(await prepare(deps, config, date)), status: "dry_run" };

  const ledger = createDigestLedger(
    deps.store,
    deps.team ?? "T_DEFAULT",
    deps.recordWaitMs !== undefined ? { recordWaitMs: deps.recordWaitMs } : {},
  );
  const done = await ledger.get(channelId, date);
  if (done && isFinished(done)) return finished(base, done);
  if (!(await ledger.lock(channelId, date, deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS))) {
    return { ...base, status: "busy" };
  }
  try {
    return await underLock(deps, ledger, config, date, now);
  } catch (error) {
    deps.logger.error({ err: error, channel: channelId, date }, "digest run failed");
    return { ...base, status: "failed", error: (error as Error).message };
  } finally {
    await ledger.unlock(channelId, date).catch(() => {});
  }
}

async function underLock(
  deps: DigestDeps,
  ledger: DigestLedger,
  config: ChannelConfig,
  date: string,
  now: Date,
): Promise<DigestRun> {
  const channel = config.channel;
  const base = { channel, date, paperIds: [] as string[], unreachable: [] as string[] };
  // Someone may have finished between our first look and taking the lock.
  const entry = await ledger.get(channel, date);
  if (entry && isFinished(entry)) return finished(base, entry);
  if (entry?.state === "claimed") {
    const lockTtlMs = deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    // A quarter of the lease, so the run finishes well before another instance may take the lock over.
    const found = await deps.publisher.findPosted(channel, date, entry.claimedAt, lockTtlMs / 4);
    if (found) {
      await ledger.complete(channel, date, found, now);
      await rememberPosted(deps, ledger, channel, date, found.paperIds);
      deps.logger.info({ channel, date, ts: found.ts }, "digest found in history after an interrupted run");
      return { ...base, status: "recovered", ts: found.ts, paperIds: found.paperIds };
    }
  }

  const prepared = await prepare(deps, config, date, ledger);
  if (!prepared.message) {
    await ledger.complete(channel, date, { paperIds: [] }, now);
    return { ...prepared, status: "skipped" };
  }
  await ledger.markClaimed(channel, date, now);
  let ts: string;
  try {
    ({ ts } = await deps.publisher.publish(channel, prepared.message));
  } catch (error) {
    // Only a post Slack certainly refused may be retried without the history check; a history
    // failure or an ambiguous post (timeout) leaves the entry `claimed`.
    if (certainlyNotPosted(error)) {
      await ledger.markFailed(channel, date, (error as Error).message, now).catch(() => {});
    }
    throw error;
  }
  await ledger.complete(channel, date, { ts, paperIds: prepared.paperIds }, now);
  const versions = new Map(
    (prepared.digest?.entries ?? []).flatMap((entry) =>
      entry.paper.version ? [[entry.paper.id, entry.paper.version] as const] : [],
    ),
  );
  await rememberPosted(deps, ledger, channel, date, prepared.paperIds, versions);
  deps.logger.info({ channel, date, ts, papers: prepared.paperIds.length }, "digest posted");
  return { ...prepared, status: "posted", ts };
}

/**
 * Adds a posted digest's papers to the channel's repeat list, retrying a few times. It runs after the
 * ledger entry says `posted` (with the ids and ts), so exactly-once never depends on it, and it never
 * throws: a run whose digest is out is reported as posted. If the list stays locked (another run of the
 * channel stalled holding it) or the store keeps failing, the cost is that these papers may be offered
 * again within the repeat window, which the error log says.
 */
async function rememberPosted(
  deps: DigestDeps,
  ledger: DigestLedger,
  channel: string,
  date: string,
  ids: string[],
  versions?: ReadonlyMap<string, number>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ledger.recordPosted(channel, date, ids, versions);
      return;
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) {
        deps.logger.error(
          { err: error, channel, date, paperIds: ids, attempts: attempt },
          "digest posted, but its papers could not be recorded: they may be repeated within the repeat window",
        );
        return;
      }
      deps.logger.warn(
        { err: error, channel, date, attempt },
        "recording a posted digest's papers failed; retrying",
      );
      await sleep(RECORD_RETRY_PAUSE_MS * attempt);
    }
  }
}

/** Composes a channel's digest and has the publisher render it (sources → compose → summaries → message). */
async function prepare(
  deps: DigestDeps,
  config: ChannelConfig,
  date: string,
  ledger: DigestLedger = createDigestLedger(deps.store, deps.team ?? "T_DEFAULT"),
): Promise<Omit<DigestRun, "status">> {
  return (deps.composeGate ?? defaultGate)(async () => {
    const {
      papers,
      unreachable,
      empty = [],
    } = await deps.candidates.fetch(config.sources, date, config.follow);
    const shownVersions = await ledger.shownVersions(config.channel, date);
    const digest = composeDigest({
      settings: config,
      date,
      candidates: papers,
      alreadyPosted: new Set(shownVersions.keys()),
      shownVersions,
      unreachable,
      empty,
    });
    // Summaries before posting, a few at a time; the summarizer never throws (labelled fallbacks instead).
    const summaryLimit = pLimit(Math.max(1, deps.summaryConcurrency ?? 4));
    digest.entries = await summaryLimit.map(digest.entries, async (entry) => {
      const summary = await deps.summarizer.summarize(entry.paper);
      return summary.tldr ? { ...entry, tldr: { text: summary.tldr, label: summary.label } } : entry;
    });
    const message = deps.publisher.render(digest);
    return {
      channel: config.channel,
      date,
      digest,
      paperIds: digest.entries.map((entry) => entry.paper.id),
      unreachable,
      ...(message ? { message } : {}),
    };
  });
}

function isFinished(entry: LedgerEntry): boolean {
  return entry.state === "posted" || entry.state === "skipped";
}

function finished(base: Pick<DigestRun, "channel" | "date" | "unreachable">, entry: LedgerEntry): DigestRun {
  return {
    ...base,
    status: "already_posted",
    paperIds: entry.paperIds ?? [],
    ...(entry.ts ? { ts: entry.ts } : {}),
  };
}
