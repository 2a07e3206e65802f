// Bench for the digest fan-out: 200 channels against the Slack stand-in enforcing 1 message/s per channel (429 beyond).
import { pathToFileURL } from "node:url";
import { createDigestScheduler } from "../src/digest/digest-scheduler.ts";
import { runDigest } from "../src/digest/run-digest.ts";
import type { Paper } from "../src/papers/paper.ts";
import { startSlackStandIn } from "../src/playground/slack-stand-in.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  makePaper,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "../test/digest/digest-test-kit.ts";

const CHANNELS = Array.from({ length: 200 }, (_, i) => `C0BENCH${String(i).padStart(3, "0")}`);
const DATES = ["2026-03-25", "2026-03-26", "2026-03-27"];

interface Scenario {
  name: string;
  messages: number;
  delivered: number;
  duplicates: number;
  rateLimited: number;
  seconds: number;
  rejected: number;
}

function papersFor(date: string): Paper[] {
  return Array.from({ length: 12 }, (_, i) =>
    makePaper(
      `2603.${date.slice(8)}${String(i).padStart(3, "0")}`,
      `Paper ${i} on diffusion and agents (${date})`,
      {
        upvotes: (i * 7) % 40,
      },
    ),
  );
}

/** Runs one scenario on a fresh stand-in (1 message/s per channel enforced) and store. */
async function scenario(
  name: string,
  run: (
    ctx: Awaited<ReturnType<typeof digestHarness>> & { clock: ReturnType<typeof testClock> },
  ) => Promise<unknown>,
  prepare: (standIn: Awaited<ReturnType<typeof startSlackStandIn>>) => void = () => {},
): Promise<Scenario> {
  const clock = testClock("2026-03-27T09:00:00Z");
  // The stand-in's limiter runs on the real clock: the bench measures real waiting.
  const standIn = await startSlackStandIn({
    workspace: workspaceWith(CHANNELS),
    rateLimit: { perSecond: 1 },
  });
  const hf = await startHfStandIn(papersFor);
  try {
    const channels = CHANNELS.map((channel) =>
      channelConfig({ channel, topics: ["diffusion"], maxPapers: 5 }),
    );
    const harness = await digestHarness({ standIn, hf, channels, clock });
    prepare(standIn);
    const started = performance.now();
    await run({ ...harness, clock });
    const seconds = (performance.now() - started) / 1000;
    const perChannel = CHANNELS.map((channel) => digestsIn(standIn, channel));
    const keys = perChannel.flat().map((m) => `${m.channel}|${String(m.metadata?.event_payload.date)}`);
    return {
      name,
      messages: keys.length,
      delivered: new Set(keys).size,
      duplicates: keys.length - new Set(keys).size,
      rateLimited: harness.poster.stats().rateLimited,
      seconds: Number(seconds.toFixed(2)),
      rejected: standIn.rejected().length,
    };
  } finally {
    await standIn.close();
    await hf.server.close();
  }
}

/** Runs the bench; returns a Markdown section and the raw figures. */
export async function runDigestBench(): Promise<{ markdown: string; json: unknown }> {
  const results: Scenario[] = [];
  // 1. The morning fan-out: every channel's 09:00 digest in one scheduler tick.
  results.push(
    await scenario("200 channels, one tick", ({ deps, clock }) =>
      createDigestScheduler({ deps, now: clock.now }).tick(),
    ),
  );
  // 2. A back-fill: three dates per channel at once (600 posts), so per-channel pacing has to work.
  results.push(
    await scenario("200 channels × 3 dates at once", ({ deps, clock }) =>
      Promise.all(
        CHANNELS.flatMap((channel) =>
          DATES.map((date) => runDigest({ deps, channel, date, now: clock.now() })),
        ),
      ),
    ),
  );
  // 3. A 429 storm: Slack answers the first 200 posts with 429 and Retry-After: 1.
  results.push(
    await scenario(
      "200 channels, 429 storm (first 200 posts get Retry-After: 1)",
      ({ deps, clock }) => createDigestScheduler({ deps, now: clock.now }).tick(),
      (standIn) => standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 1 }, 200),
    ),
  );

  const expected = (s: Scenario) =>
    s.name.includes("× 3") ? CHANNELS.length * DATES.length : CHANNELS.length;
  const ok = results.every((s) => s.delivered === expected(s) && s.duplicates === 0 && s.rejected === 0);
  const markdown = [
    "## Digest fan-out",
    "",
    "Real scheduler, ledger (memory store), papers index (SQLite in memory), Hugging Face client (local stand-in) and",
    "WebClient (`retries: 0`, `rejectRateLimitedCalls`)",
    "against the local Slack stand-in, which enforces 1 `chat.postMessage`/s per channel and answers 429 with",
    "`Retry-After` beyond it. Summaries are the no-LLM fallbacks; 8 Web API calls in flight at most; one",
    "post per channel at a time, the next starting 1 s after the previous one finished.",
    "",
    "| scenario | delivered | duplicates | 429s received | total time |",
    "| --- | --- | --- | --- | --- |",
    ...results.map(
      (s) =>
        `| ${s.name} | ${s.delivered} / ${expected(s)} | ${s.duplicates} | ${s.rateLimited} | ${s.seconds} s |`,
    ),
    "",
    ok ? "Every digest delivered exactly once ✅" : "Some digests were lost or duplicated ❌",
    "",
  ].join("\n");
  return { markdown, json: { scenarios: results, ok } };
}

// `node --import tsx bench/digest-bench.ts` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, json } = await runDigestBench();
  process.stdout.write(`${markdown}\n${JSON.stringify(json, null, 2)}\n`);
}
