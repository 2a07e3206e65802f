// Reliability: 10,000 mixed signed requests and a stream of bad ones against the bot in HTTP mode, in its own
// process: no 5xx, every forged or stale request refused, nothing unsafe reaches Slack, RSS flat after warm-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { type BotProcess, SETTLED, startBotProcess } from "./support/bot-process.ts";
import { report, waitForQuiet } from "./support/report.ts";
import { seededDataDir } from "./support/seeded-data-dir.ts";
import { type Answered, mixedRequest, seededRandom, sendAll } from "./support/traffic.ts";

const VALID = Number(process.env.RELIABILITY_REQUESTS ?? 10_000);
const BAD = Math.round(VALID / 5);
// A fifth of the traffic, of the same mix: the bot's memory reaches its plateau within the first 1,000–2,000
// requests (caches, JIT code, allocator pools), so growth after it is what traffic keeps.
const WARM_UP = Math.round((VALID + BAD) / 5);
const SENDERS = 20;
const MB = 1024 * 1024;

describe("the bot in HTTP mode under mixed traffic", () => {
  let standIn: SlackStandIn;
  let bot: BotProcess;
  let paperIds: string[];

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    const data = await seededDataDir();
    paperIds = data.paperIds;
    bot = await startBotProcess(standIn, {
      PAPERBOY_DATA_DIR: data.dir,
      PAPERBOY_STORE_URL: "memory://reliability-traffic",
      // For diagnosis, e.g. RELIABILITY_BOT_ENV='{"PAPERBOY_SEARCH_THREADS":"0"}' to see what search threads cost.
      ...(JSON.parse(process.env.RELIABILITY_BOT_ENV ?? "{}") as Record<string, string>),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await standIn?.close();
  });

  it("answers 10,000 signed requests and the bad ones without a 5xx, refuses forgeries, stays flat in memory", async () => {
    const random = seededRandom(20261202);
    const started = performance.now();
    // The same mix in the warm-up as after it.
    const next = (slot: number) => mixedRequest(standIn, random, paperIds, slot);
    const warm = await sendAll(bot.eventsUrl, WARM_UP, next, SENDERS);
    await waitForQuiet(standIn);
    const afterWarmUp = await bot.memoryAfterGc(SETTLED);

    const mixed = await sendAll(bot.eventsUrl, VALID + BAD - WARM_UP, (i) => next(WARM_UP + i), SENDERS);
    await waitForQuiet(standIn);
    const seconds = (performance.now() - started) / 1000;
    const atEnd = await bot.memoryAfterGc(SETTLED);
    const answers: Answered[] = [...warm, ...mixed];

    const byKind = new Map<string, Map<number, number>>();
    for (const { kind, status } of answers) {
      const counts = byKind.get(kind) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      byKind.set(kind, counts);
    }
    const serverErrors = answers.filter((answer) => answer.status >= 500);
    const valid = answers.filter((a) => ["command", "event", "click"].includes(a.kind));
    const refusedWhenForged = answers.filter((a) => ["forged", "stale", "unsigned"].includes(a.kind));
    const stats = standIn.stats();
    const growthMb = (atEnd.rss - afterWarmUp.rss) / MB;
    const heapGrowthMb = (atEnd.heapUsed - afterWarmUp.heapUsed) / MB;

    report("HTTP traffic", [
      ["requests", `${valid.length} valid signed + ${answers.length - valid.length} bad, ${SENDERS} senders`],
      ["time", `${seconds.toFixed(1)} s (${(answers.length / seconds).toFixed(0)} requests/s)`],
      ...[...byKind].map(
        ([kind, counts]) =>
          [kind, [...counts].map(([status, n]) => `${status || "no answer"}×${n}`).join(", ")] as [
            string,
            string,
          ],
      ),
      ["5xx answers", String(serverErrors.length)],
      ["Slack calls + response_url posts checked", `${stats.calls + standIn.responses().length}`],
      ["payloads the stand-in rejected (unsafe or invalid)", String(stats.rejected)],
      [
        "after warm-up (full GC)",
        `RSS ${(afterWarmUp.rss / MB).toFixed(1)} MB, heap ${(afterWarmUp.heapUsed / MB).toFixed(1)} MB (${WARM_UP} requests)`,
      ],
      // What a reading straight after the collections would have said (the measurement this suite used to make).
      [
        "RSS read at once after the GC",
        `${((afterWarmUp.rssAtOnce ?? 0) / MB).toFixed(1)} → ${((atEnd.rssAtOnce ?? 0) / MB).toFixed(1)} MB`,
      ],
      [
        "at the end (full GC)",
        `RSS ${(atEnd.rss / MB).toFixed(1)} MB (growth ${growthMb.toFixed(1)} MB), heap ${(atEnd.heapUsed / MB).toFixed(1)} MB (growth ${heapGrowthMb.toFixed(1)} MB)`,
      ],
      // What V8 keeps reserved for the heap (in RSS even when unused), then memory outside the main thread's heap.
      [
        "heap reserved",
        `${(afterWarmUp.heapTotal / MB).toFixed(1)} → ${(atEnd.heapTotal / MB).toFixed(1)} MB`,
      ],
      [
        "external + array buffers",
        `${(afterWarmUp.external / MB).toFixed(1)} → ${(atEnd.external / MB).toFixed(1)} MB, ${(afterWarmUp.arrayBuffers / MB).toFixed(1)} → ${(atEnd.arrayBuffers / MB).toFixed(1)} MB`,
      ],
    ]);

    expect(serverErrors).toEqual([]);
    expect(valid.filter((a) => a.status !== 200)).toEqual([]);
    // Bolt refuses a bad or stale signature with 401; nothing forged may be answered as if it were Slack.
    expect(refusedWhenForged.filter((a) => a.status !== 401)).toEqual([]);
    expect(answers.filter((a) => a.kind === "malformed" && (a.status < 400 || a.status >= 500))).toEqual([]);
    expect(answers.filter((a) => a.kind === "oversized" && a.status !== 413)).toEqual([]);
    expect(answers.filter((a) => a.kind === "get" && a.status !== 405)).toEqual([]);
    expect(standIn.rejected().slice(0, 3)).toEqual([]);
    // What grows with traffic shows in the heap after a full GC: the old per-request leak (≈26 KB a request)
    // would add ≈250 MB here. RSS after the warm-up's plateau is held to the 20 MB: it swung from −72 to
    // +76 MB while it was read straight after the GC (memory V8 had not yet handed back) from a bot without
    // `npm start`'s 4 MB semi-spaces; measured as above it moved −3.3 to +0.9 MB (the README records the runs).
    expect(heapGrowthMb).toBeLessThan(8);
    expect(growthMb).toBeLessThan(20);
  });
});
