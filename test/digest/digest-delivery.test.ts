// Delivering digests: exactly once through crashes and 429 storms, isolated failures, and honest degraded content.
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChannelConfig } from "../../src/config/channel-config.ts";
import { createDigestLedger } from "../../src/digest/digest-ledger.ts";
import { createDigestScheduler } from "../../src/digest/digest-scheduler.ts";
import { runDigest } from "../../src/digest/run-digest.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { HISTORY_SCAN_MAX_MESSAGES } from "../../src/slack/digest/slack-digest-publisher.ts";
import {
  createDigestWebClient,
  SlackDeliveryError,
  type SlackPoster,
} from "../../src/slack/digest/slack-poster.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  downLlm,
  type HarnessOptions,
  type HfStandIn,
  makePaper,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "./digest-test-kit.ts";

const STORM = ["C0S1", "C0S2", "C0S3", "C0S4", "C0S5", "C0S6"];
const CHANNELS = ["C0CRASH", "C0LIST", "C0EMPTY", "C0SKIP", "C0DOWN", "C0LLM", ...STORM];
const clock = testClock("2026-03-30T09:00:00Z"); // a Monday; channels below are at 09:00 UTC
let standIn: SlackStandIn;
let hf: HfStandIn;
let storeCount = 0;

function papersFor(date: string): Paper[] {
  const day = date.slice(8, 10);
  return [
    makePaper(`2603.${day}101`, "Diffusion Transformers at Scale", { upvotes: 50 }),
    makePaper(`2603.${day}102`, "Medical Image Segmentation with Diffusion", { upvotes: 30 }),
    makePaper(`2603.${day}103`, "Reward Models for RLHF", {
      upvotes: 20,
      aiSummary: "HF says: reward models matter.",
    }),
  ];
}

/** A digest instance for `channels` on the shared stand-ins and clock, with a store of its own. */
async function freshHarness(channels: ChannelConfig[], extra: Partial<HarnessOptions> = {}) {
  const store = await createStateStore({ url: `memory://delivery-${++storeCount}` });
  return digestHarness({ standIn, hf, channels, clock, store, ...extra });
}

/** A logger whose warnings and errors the test can read; `onLine` sees each as it is written. */
function recordingLogger(onLine: (msg: string) => void = () => {}) {
  const messages: string[] = [];
  const logger = pino(
    { level: "warn" },
    {
      write: (line: string) => {
        const { msg } = JSON.parse(line) as { msg: string };
        messages.push(msg);
        onLine(msg);
      },
    },
  );
  return { logger, messages };
}
const never = () => new Promise<never>(() => {});

beforeAll(async () => {
  hf = await startHfStandIn(papersFor);
});
afterAll(async () => {
  await hf.server.close();
});
beforeEach(async () => {
  clock.set("2026-03-30T09:00:00Z");
  hf.down = false;
  standIn = await startSlackStandIn({ workspace: workspaceWith(CHANNELS), now: clock.ms });
});
afterEach(async () => {
  await standIn.close();
});

describe("exactly once", () => {
  /**
   * Instance A posts C0CRASH's digest, then its process dies before it can record the ts (the promise
   * never settles); its lock has expired by the time this resolves. Returns the shared store's URL.
   */
  async function crashAfterPosting(): Promise<string> {
    const storeName = `memory://crash-${++storeCount}`;
    const a = await digestHarness({
      standIn,
      hf,
      channels: [channelConfig({ channel: "C0CRASH" })],
      clock,
      lockTtlMs: 300,
      store: await createStateStore({ url: storeName }),
      wrapPoster: (poster) => ({
        ...poster,
        postMessage: async (channel, message) => {
          await poster.postMessage(channel, message);
          return never();
        },
      }),
    });
    void runDigest({ deps: a.deps, channel: "C0CRASH", now: clock.now() });
    await standIn.waitFor(() => digestsIn(standIn, "C0CRASH").length === 1);
    expect((await createDigestLedger(a.store, "T0PAPERS").get("C0CRASH", "2026-03-30"))?.state).toBe(
      "claimed",
    );
    await new Promise((resolve) => setTimeout(resolve, 350));
    return storeName;
  }

  /** Instance B, on the same store as the crashed instance A. */
  async function recoveringInstance(storeName: string, extra: Partial<HarnessOptions> = {}) {
    const channels = [channelConfig({ channel: "C0CRASH" })];
    const store = await createStateStore({ url: storeName });
    return digestHarness({ standIn, hf, channels, clock, store, ...extra });
  }

  it("after a crash between posting and completing the ledger, the next run finds the digest in history and posts nothing", async () => {
    const storeName = await crashAfterPosting();

    // Instance B starts after A's lock expired and catches up.
    clock.advance(2 * 60_000);
    const b = await recoveringInstance(storeName);
    const runs = await createDigestScheduler({ deps: b.deps, now: clock.now }).tick();

    expect(runs.map((run) => run.status)).toEqual(["recovered"]);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
    const history = standIn.calls("conversations.history");
    expect(history).toHaveLength(1);
    expect(history[0]?.params).toMatchObject({ channel: "C0CRASH", include_all_metadata: "true" });
    const entry = await createDigestLedger(b.store, "T0PAPERS").get("C0CRASH", "2026-03-30");
    expect(entry).toMatchObject({ state: "posted", ts: digestsIn(standIn, "C0CRASH")[0]?.ts });
    // And a third look is a plain ledger read.
    expect(
      (await createDigestScheduler({ deps: b.deps, now: clock.now }).tick()).map((r) => r.status),
    ).toEqual(["already_posted"]);
  });

  it("finds a crashed run's digest behind 60 newer messages, paging back to the claim 15 at a time", async () => {
    const storeName = await crashAfterPosting();
    const claimedAt = Date.parse(
      (
        await createDigestLedger(await createStateStore({ url: storeName }), "T0PAPERS").get(
          "C0CRASH",
          "2026-03-30",
        )
      )?.claimedAt ?? "",
    );
    // The channel is busy before the next run gets to it.
    const web = createDigestWebClient({ token: standIn.botToken, slackApiUrl: standIn.apiUrl });
    for (let i = 0; i < 60; i++) {
      clock.advance(1_000);
      await web.chat.postMessage({ channel: "C0CRASH", text: `chatter ${i}` });
    }

    // Pages of 15, the most Slack serves an app outside the Marketplace.
    const b = await recoveringInstance(storeName);
    const runs = await createDigestScheduler({ deps: b.deps, now: clock.now }).tick();

    expect(runs.map((run) => run.status)).toEqual(["recovered"]);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
    const calls = standIn.calls("conversations.history").map((call) => call.params);
    expect(calls).toHaveLength(5); // 61 messages since the claim
    // Every page is bounded by the claim (less a minute's margin), not by a message count.
    for (const params of calls) expect(Number(params.oldest)).toBe((claimedAt - 60_000) / 1000);
    expect(calls.slice(1).every((params) => typeof params.cursor === "string")).toBe(true);
  });

  it("posts nothing when the history check cannot reach back to the claim, and checks again next sweep", async () => {
    const storeName = await crashAfterPosting();
    clock.advance(2 * 60_000);
    // A channel whose history never ends (a thousand-plus messages since the claim), read at `delayMs` a page.
    let pages = 0;
    const endlessHistory =
      (delayMs = 0) =>
      (poster: SlackPoster): SlackPoster => ({
        ...poster,
        history: async () => {
          pages++;
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          const messages = Array.from({ length: 15 }, (_, i) => ({
            ts: `1774865000.${pages}${i}`,
            text: "hi",
          }));
          return { messages, nextCursor: `page-${pages}` };
        },
      });
    const b = await recoveringInstance(storeName, { wrapPoster: endlessHistory() });
    const [run] = await createDigestScheduler({ deps: b.deps, now: clock.now }).tick();
    expect(run).toMatchObject({ status: "failed", error: expect.stringContaining("nothing was posted") });
    expect(pages * 15).toBeGreaterThanOrEqual(HISTORY_SCAN_MAX_MESSAGES);
    expect(pages * 15).toBeLessThan(HISTORY_SCAN_MAX_MESSAGES + 15);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
    expect((await createDigestLedger(b.store, "T0PAPERS").get("C0CRASH", "2026-03-30"))?.state).toBe(
      "claimed",
    );

    // A slow history (Slack's one call a minute) stops at a quarter of the run's lease, well before
    // another instance could take the lock over: here 100 ms of a 400 ms lease, at 40 ms a page.
    pages = 0;
    const slow = await recoveringInstance(storeName, { lockTtlMs: 400, wrapPoster: endlessHistory(40) });
    const [slowRun] = await createDigestScheduler({ deps: slow.deps, now: clock.now }).tick();
    expect(slowRun?.status).toBe("failed");
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);

    // The same holds when Slack refuses the history call; once it answers, the digest is found.
    clock.advance(5 * 60_000);
    standIn.failNext("conversations.history", { kind: "error", error: "internal_error" });
    const c = await recoveringInstance(storeName);
    const cScheduler = createDigestScheduler({ deps: c.deps, now: clock.now });
    expect((await cScheduler.tick()).map((r) => r.status)).toEqual(["failed"]);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
    clock.advance(5 * 60_000);
    expect((await cScheduler.tick()).map((r) => r.status)).toEqual(["recovered"]);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
  });

  it("after a crash between the claim and the post, the next run checks history, finds nothing and posts once", async () => {
    const storeName = `memory://crash-${++storeCount}`;
    const channels = [channelConfig({ channel: "C0CRASH" })];
    const a = await digestHarness({
      standIn,
      hf,
      channels,
      clock,
      lockTtlMs: 300,
      store: await createStateStore({ url: storeName }),
      wrapPoster: (poster) => ({ ...poster, postMessage: () => never() }),
    });
    void runDigest({ deps: a.deps, channel: "C0CRASH", now: clock.now() });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await createDigestLedger(a.store, "T0PAPERS").get("C0CRASH", "2026-03-30"))?.state).toBe(
      "claimed",
    );

    const b = await digestHarness({
      standIn,
      hf,
      channels,
      clock,
      store: await createStateStore({ url: storeName }),
    });
    const runs = await createDigestScheduler({ deps: b.deps, now: clock.now }).tick();
    expect(runs.map((run) => run.status)).toEqual(["posted"]);
    expect(standIn.calls("conversations.history")).toHaveLength(1);
    expect(digestsIn(standIn, "C0CRASH")).toHaveLength(1);
  });

  describe("when another run holds the channel's list of posted papers", () => {
    const LIST_LOCK = "digest:posted-lock:T0PAPERS:C0LIST";

    /** An instance on a shared store, and a second connection that holds C0LIST's list as a stalled run would. */
    async function listHeldElsewhere(logger: ReturnType<typeof recordingLogger>["logger"]) {
      const storeName = `memory://list-held-${++storeCount}`;
      const other = await createStateStore({ url: storeName });
      expect(await other.claim(LIST_LOCK, 60_000)).toBe(true);
      const h = await digestHarness({
        standIn,
        hf,
        channels: [channelConfig({ channel: "C0LIST" })],
        clock,
        store: await createStateStore({ url: storeName }),
      });
      return { other, store: h.store, deps: { ...h.deps, logger, recordWaitMs: 50 } };
    }

    it("waits, retries and records the papers once the list is free, and reports the digest as posted", async () => {
      let free = () => {};
      const { logger, messages } = recordingLogger((msg) => {
        if (msg.includes("retrying")) free();
      });
      const { other, store, deps } = await listHeldElsewhere(logger);
      free = () => void other.release(LIST_LOCK);

      const run = await runDigest({ deps, channel: "C0LIST", now: clock.now() });

      expect(run.status).toBe("posted");
      expect(run.paperIds).toHaveLength(3);
      expect(messages).toEqual(["recording a posted digest's papers failed; retrying"]);
      const ledger = createDigestLedger(store, "T0PAPERS");
      expect([...(await ledger.recentlyPosted("C0LIST", "2026-03-31"))].sort()).toEqual(
        [...run.paperIds].sort(),
      );
    });

    it("still reports the digest as posted, and never posts it again, when the list stays locked", async () => {
      const { logger, messages } = recordingLogger();
      const { store, deps } = await listHeldElsewhere(logger);

      const run = await runDigest({ deps, channel: "C0LIST", now: clock.now() });

      expect(run).toMatchObject({ status: "posted", ts: digestsIn(standIn, "C0LIST")[0]?.ts });
      expect(messages).toEqual([
        "recording a posted digest's papers failed; retrying",
        "recording a posted digest's papers failed; retrying",
        "digest posted, but its papers could not be recorded: they may be repeated within the repeat window",
      ]);
      const ledger = createDigestLedger(store, "T0PAPERS");
      expect(await ledger.get("C0LIST", "2026-03-30")).toMatchObject({
        state: "posted",
        paperIds: run.paperIds,
      });
      expect(await ledger.recentlyPosted("C0LIST", "2026-03-31")).toEqual(new Set());
      expect((await runDigest({ deps, channel: "C0LIST", now: clock.now() })).status).toBe("already_posted");
      expect(digestsIn(standIn, "C0LIST")).toHaveLength(1);
    });
  });

  it("delivers every digest exactly once through a storm of 429s, honouring Retry-After", async () => {
    const channels = STORM.map((channel) => channelConfig({ channel }));
    const { deps, poster } = await freshHarness(channels);
    standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 1 }, 10);

    const started = Date.now();
    const runs = await createDigestScheduler({ deps, now: clock.now }).tick();

    expect(runs.map((run) => run.status)).toEqual(STORM.map(() => "posted"));
    for (const channel of STORM) expect(digestsIn(standIn, channel)).toHaveLength(1);
    expect(standIn.stats().rateLimited).toBe(10);
    expect(poster.stats()).toMatchObject({ rateLimited: 10, posted: 6 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(standIn.rejected()).toEqual([]);
  });

  it("keeps one channel's failure from stopping or delaying the others, and retries it on the next sweep", async () => {
    const channels = STORM.map((channel) => channelConfig({ channel }));
    let refusals = 0;
    const { deps } = await freshHarness(channels, {
      wrapPoster: (poster): SlackPoster => ({
        ...poster,
        postMessage: async (channel, message) => {
          if (channel === "C0S3" && refusals++ === 0) {
            await new Promise((resolve) => setTimeout(resolve, 1_500)); // slow, then refused
            throw new SlackDeliveryError("Slack refused: fatal_error.", true);
          }
          return poster.postMessage(channel, message);
        },
      }),
    });
    const scheduler = createDigestScheduler({ deps, now: clock.now });

    const tick = scheduler.tick();
    await standIn.waitFor(
      () => STORM.filter((c) => c !== "C0S3").every((c) => digestsIn(standIn, c).length === 1),
      1_000,
    );
    const first = await tick;
    expect(first.find((run) => run.channel === "C0S3")).toMatchObject({ status: "failed" });

    clock.advance(60_000);
    const tooSoon = await scheduler.tick();
    expect(tooSoon.find((run) => run.channel === "C0S3")?.error).toContain("waiting to retry");
    expect(refusals).toBe(1);

    clock.advance(4 * 60_000);
    const retry = await scheduler.tick();
    expect(retry.find((run) => run.channel === "C0S3")?.status).toBe("posted");
    for (const channel of STORM) expect(digestsIn(standIn, channel)).toHaveLength(1);
    // "failed" meant certainly not posted, so the retry did not need a history check.
    expect(standIn.calls("conversations.history")).toHaveLength(0);
  });
});

describe("what a digest says when things are missing", () => {
  it("filters excluded words, and posts a one-line note when nothing is left", async () => {
    const channels = [channelConfig({ channel: "C0EMPTY", exclude: ["diffusion", "reward"] })];
    const { deps } = await freshHarness(channels);
    const [run] = await createDigestScheduler({ deps, now: clock.now }).tick();
    expect(run?.status).toBe("posted");
    const [message] = digestsIn(standIn, "C0EMPTY");
    expect(message?.text).toBe(
      "No new papers for Monday, 30 March 2026 (all 3 candidates were excluded or already posted here).",
    );
  });

  it("posts nothing on an empty day set to skip, and records the day as done", async () => {
    const original = hf.papersFor;
    hf.papersFor = () => [];
    try {
      const channels = [channelConfig({ channel: "C0SKIP", emptyDay: "skip" })];
      const { deps } = await freshHarness(channels);
      const scheduler = createDigestScheduler({ deps, now: clock.now });
      expect((await scheduler.tick()).map((run) => run.status)).toEqual(["skipped"]);
      clock.advance(5 * 60_000);
      expect((await scheduler.tick()).map((run) => run.status)).toEqual(["already_posted"]);
      expect(standIn.messages("C0SKIP")).toEqual([]);
    } finally {
      hf.papersFor = original;
    }
  });

  it("posts from the index when Hugging Face is down, and says so", async () => {
    const channels = [channelConfig({ channel: "C0DOWN", maxPapers: 2 })];
    const harness = await freshHarness(channels);
    // Papers ingested earlier (by `paperboy ingest`, or another channel's digest) for that day.
    harness.index.upsert([
      makePaper("2603.29901", "Sparse Autoencoders Everywhere", { publishedAt: "2026-03-29", upvotes: 9 }),
      makePaper("2603.29902", "Test-Time Compute Scaling", { publishedAt: "2026-03-30", upvotes: 4 }),
    ]);
    hf.down = true;
    const [run] = await createDigestScheduler({ deps: harness.deps, now: clock.now }).tick();
    expect(run).toMatchObject({
      status: "posted",
      unreachable: ["hf"],
      paperIds: ["2603.29901", "2603.29902"],
    });
    const blocks = JSON.stringify(digestsIn(standIn, "C0DOWN")[0]?.blocks);
    expect(blocks).toContain(
      "Hugging Face could not be reached; this digest uses the papers paperboy already had",
    );
  });

  it("still goes out during an LLM outage, with each TL;DR labelled as the fallback it is", async () => {
    const channels = [channelConfig({ channel: "C0LLM" })];
    const { deps } = await freshHarness(channels, { llm: downLlm });
    const [run] = await createDigestScheduler({ deps, now: clock.now }).tick();
    expect(run?.status).toBe("posted");
    const labels = run?.digest?.entries.map((entry) => entry.tldr?.label);
    expect(labels).toEqual([
      "Extract from the abstract",
      "Extract from the abstract",
      "Hugging Face AI summary",
    ]);
    const blocks = JSON.stringify(digestsIn(standIn, "C0LLM")[0]?.blocks);
    expect(blocks).toContain("HF says: reward models matter.");
    expect(blocks).toContain("_Extract from the abstract_");
  });
});
