// One channel's digest for one local date: compose, summarise, post exactly once, and say what was done.
import { setTimeout as sleep } from "node:timers/promises";
import pLimit, { type LimitFunction } from "p-limit";
import type { ChannelConfig } from "../config/channel-config.ts";
import type { Logger } from "../logger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Summarizer } from "../summaries/summarizer.ts";
import type { CandidateFetcher } from "./candidate-fetcher.ts";
import { channelRanker } from "./channel-ranker.ts";
import type { ChannelSettings } from "./channel-settings.ts";
import { composeDigest, type Digest, type DiscussedMark } from "./compose-digest.ts";
import { createDigestLedger, type DigestLedger } from "./digest-ledger.ts";
import type { DigestPost, DigestPublisher } from "./digest-publisher.ts";
import { outcomeRun, runExactlyOnce } from "./run-exactly-once.ts";
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
  /**
   * Which of a digest's papers the channel discussed before (their cards say so). Optional; a failure leaves
   * the cards without the line.
   */
  discussedHere?: (channel: string, paperIds: string[]) => Promise<Map<string, DiscussedMark>>;
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
  // The arXiv versions of the papers this run posts, so the channel's repeat list knows which it was shown.
  let versions: ReadonlyMap<string, number> = new Map();
  const outcome = await runExactlyOnce({
    ledger,
    channel: channelId,
    period: date,
    now,
    lockTtlMs: deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    logger: deps.logger,
    async prepare() {
      const prepared = await prepare(deps, config, date, ledger);
      versions = postedVersions(prepared.digest);
      return { prepared, ...(prepared.message ? { post: prepared.message } : {}) };
    },
    publish: (message) => deps.publisher.publish(channelId, message),
    findPosted: (claimedAt, budgetMs) => deps.publisher.findPosted(channelId, date, claimedAt, budgetMs),
    afterPosted: ({ paperIds }) => rememberPosted(deps, ledger, channelId, date, paperIds, versions),
  });
  if (outcome.status === "posted") {
    deps.logger.info(
      { channel: channelId, date, ts: outcome.ts, papers: outcome.prepared.paperIds.length },
      "digest posted",
    );
  }
  return outcomeRun(outcome, base);
}

/**
 * Adds a posted digest's papers to the channel's repeat list, retrying a few times. It runs after the
 * ledger entry says `posted` (with the ids and ts), so exactly-once never depends on it, and it never
 * throws: a run whose digest is out is reported as posted. If the list stays locked (another run of the
 * channel stalled holding it) or the store keeps failing, the cost is that these papers may be offered
 * again within the repeat window, which the error log says.
 */
/** Id → arXiv version of each paper in the digest whose version is known. */
function postedVersions(digest: Digest | undefined): Map<string, number> {
  return new Map(
    (digest?.entries ?? []).flatMap((entry) =>
      entry.paper.version ? [[entry.paper.id, entry.paper.version] as const] : [],
    ),
  );
}

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
    const rank = await channelRanker(deps, config.channel, date);
    const digest = composeDigest({
      rank,
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
    if (deps.discussedHere) {
      const marks = await deps
        .discussedHere(
          config.channel,
          digest.entries.map((entry) => entry.paper.id),
        )
        .catch((error: unknown) => {
          deps.logger.warn({ err: error, channel: config.channel }, "digest: discussed-here lookup failed");
          return new Map<string, DiscussedMark>();
        });
      digest.entries = digest.entries.map((entry) => {
        const discussed = marks.get(entry.paper.id);
        return discussed ? { ...entry, discussed: { ...discussed, timeZone: config.timezone } } : entry;
      });
    }
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
