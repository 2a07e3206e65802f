// One channel's digest for one local date: compose, summarise, post exactly once, and say what was done.
import { setTimeout as sleep } from "node:timers/promises";
import pLimit, { type LimitFunction } from "p-limit";
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Logger } from "../logger.ts";
import {
  DIGEST_EVENT_TYPE,
  type DigestMessage,
  renderDigestMessage,
} from "../slack/digest/render-digest-message.ts";
import { SlackDeliveryError, type SlackPoster } from "../slack/digest/slack-poster.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Summarizer } from "../summaries/summarizer.ts";
import type { CandidateFetcher } from "./candidate-fetcher.ts";
import type { ChannelSettings } from "./channel-settings.ts";
import { composeDigest, type Digest } from "./compose-digest.ts";
import { createDigestLedger, type DigestLedger, type LedgerEntry } from "./digest-ledger.ts";
import { localParts } from "./zoned-time.ts";

/** Everything a digest run needs; built once in main.ts and shared by the scheduler, Slack and the CLI. */
export interface DigestDeps {
  store: StateStore;
  settings: ChannelSettings;
  poster: SlackPoster;
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
  message?: DigestMessage;
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
 * mid-post) first reads the channel's history since that claim (with metadata) for that date's digest.
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
    const found = await findPostedDigest(
      deps.poster,
      channel,
      date,
      entry,
      deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    );
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
    ({ ts } = await deps.poster.postMessage(channel, prepared.message));
  } catch (error) {
    // Only a post Slack certainly refused may be retried without the history check; a history
    // failure or an ambiguous post (timeout) leaves the entry `claimed`.
    if (error instanceof SlackDeliveryError && error.notPosted) {
      await ledger.markFailed(channel, date, error.message, now).catch(() => {});
    }
    throw error;
  }
  await ledger.complete(channel, date, { ts, paperIds: prepared.paperIds }, now);
  await rememberPosted(deps, ledger, channel, date, prepared.paperIds);
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
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ledger.recordPosted(channel, date, ids);
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

/** Composes and renders a channel's digest (sources → compose → summaries → message). */
async function prepare(
  deps: DigestDeps,
  config: ChannelConfig,
  date: string,
  ledger: DigestLedger = createDigestLedger(deps.store, deps.team ?? "T_DEFAULT"),
): Promise<Omit<DigestRun, "status">> {
  return (deps.composeGate ?? defaultGate)(async () => {
    const { papers, unreachable } = await deps.candidates.fetch(config.sources, date);
    const alreadyPosted = await ledger.recentlyPosted(config.channel, date);
    const digest = composeDigest({
      settings: config,
      date,
      candidates: papers,
      alreadyPosted,
      unreachable,
    });
    // Summaries before posting, a few at a time; the summarizer never throws (labelled fallbacks instead).
    const summaryLimit = pLimit(Math.max(1, deps.summaryConcurrency ?? 4));
    digest.entries = await summaryLimit.map(digest.entries, async (entry) => {
      const summary = await deps.summarizer.summarize(entry.paper);
      return summary.tldr ? { ...entry, tldr: { text: summary.tldr, label: summary.label } } : entry;
    });
    const message = renderDigestMessage(digest);
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

/** A crashed run's post comes after its claim; the margin also covers our clock running ahead of Slack's. */
const CLAIM_MARGIN_MS = 60_000;
/** The most messages crash recovery reads back; beyond it the check gives up rather than paging on. */
export const HISTORY_SCAN_MAX_MESSAGES = 1_000;

/**
 * Looks for `date`'s digest among every message posted to the channel since shortly before the
 * interrupted claim, paging back with the cursor (newest first, so the digest, posted right after the
 * claim, is near the end), up to `HISTORY_SCAN_MAX_MESSAGES` messages and a quarter of the run's lock
 * lease (for non-Marketplace apps Slack serves 15 messages a call and one call a minute, and the run must
 * finish well before another instance may take the lock over).
 *
 * Conservative means: when unsure, do not post. A failed or rate-limited history call, or a scan that
 * stops at a limit before reaching the claim, throws; the run fails and the entry stays `claimed`, so the
 * next sweep checks again, and the day's digest is lost only if no check completes within the grace
 * window. We prefer that to the alternative: a second digest is seen by the whole channel and breaks the
 * exactly-once promise, while a lost one needs a crash mid-post *and* a history that stays unreadable.
 */
async function findPostedDigest(
  poster: SlackPoster,
  channel: string,
  date: string,
  entry: LedgerEntry,
  lockTtlMs: number,
): Promise<{ ts: string; paperIds: string[] } | undefined> {
  const oldest = ((Date.parse(entry.claimedAt) - CLAIM_MARGIN_MS) / 1000).toFixed(6);
  const stopAt = Date.now() + lockTtlMs / 4;
  let cursor: string | undefined;
  let read = 0;
  for (;;) {
    const page = await poster.history(channel, oldest, cursor);
    read += page.messages.length;
    const match = page.messages.find(
      (message) =>
        message.metadata?.event_type === DIGEST_EVENT_TYPE && message.metadata.event_payload?.date === date,
    );
    if (match) {
      const ids = match.metadata?.event_payload?.paper_ids;
      return { ts: match.ts, paperIds: Array.isArray(ids) ? ids.map(String) : [] };
    }
    // No further page: every message since the claim was read, so the interrupted run did not post.
    if (!page.nextCursor) return undefined;
    if (read >= HISTORY_SCAN_MAX_MESSAGES || Date.now() >= stopAt) {
      throw new Error(
        `could not read back to the interrupted run in ${channel}'s history (${read} newer messages read), so nothing was posted rather than risk a second digest`,
      );
    }
    cursor = page.nextCursor;
  }
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
