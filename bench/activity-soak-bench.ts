// Activity soak: thousands of reactions and replies sent to the real bot (in process, HTTP, Redis) over three weeks;
// the store keeps one count value per channel and week, against one row per event (the same events, same run).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@keyv/redis";
import { totalActivity } from "../src/activity/activity-ledger.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { silentLogger } from "../src/logger.ts";
import { startBot } from "../src/main.ts";
import { readPaperFile } from "../src/papers/sources/paper-file.ts";
import { startSlackStandIn } from "../src/playground/slack-stand-in.ts";
import { defaultWorkspace } from "../src/playground/workspace.ts";
import { createStateStore } from "../src/state/state-store.ts";

const SAMPLE = fileURLToPath(new URL("../fixtures/sample/seed-papers.json", import.meta.url));
const REDIS_URL =
  process.env.PAPERBOY_BENCH_REDIS_URL ?? process.env.PAPERBOY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const FULL = { reactions: 6_000, replies: 3_000 };
const QUICK = { reactions: 1_500, replies: 750 };
const SENDERS = 10;
const WEEKS = ["2026-03-17T10:00:00Z", "2026-03-24T10:00:00Z", "2026-03-31T10:00:00Z"]; // W12, W13, W14
const REACTIONS = ["+1", "heart", "eyes", "tada", "fire", "thinking_face"];

/** The two commands the bench needs of a Redis client. */
interface Redis {
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  sendCommand(args: string[]): Promise<unknown>;
}

async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 1_000 })) found.push(...keys);
  return found;
}

async function bytesOf(redis: Redis, keys: string[]): Promise<number> {
  let total = 0;
  for (const key of keys) total += Number((await redis.sendCommand(["MEMORY", "USAGE", key])) ?? 0);
  return total;
}

/** Runs `count` jobs, `SENDERS` at a time. */
async function inParallel(count: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

export async function runActivitySoakBench(options: { quick: boolean }) {
  const counts = options.quick ? QUICK : FULL;
  const run = randomBytes(4).toString("hex").toUpperCase();
  const team = `T0SOAK${run}`;
  const channel = `C0SOAK${run}`;
  const base = defaultWorkspace();
  const users = Array.from({ length: 40 }, (_, i) => ({
    id: `U0S${i}${run}`,
    name: `user${i}`,
    realName: `User ${i}`,
    tz: "UTC",
  }));
  let clock = Date.parse(WEEKS[0] as string);
  const standIn = await startSlackStandIn({
    workspace: {
      ...base,
      team: { ...base.team, id: team },
      users: [...base.users.filter((user) => user.isBot), ...users],
      channels: [{ id: channel, name: "soak", isPrivate: false, botIsMember: true }],
    },
    now: () => clock,
  });
  const dataDir = mkdtempSync(join(tmpdir(), "paperboy-activity-soak-"));
  const closed = "http://127.0.0.1:9";
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_API_URL: standIn.apiUrl,
      SLACK_SIGNING_SECRET: standIn.signingSecret,
      PORT: "0",
      PAPERBOY_HOST: "127.0.0.1",
      PAPERBOY_DATA_DIR: dataDir,
      PAPERBOY_STORE_URL: REDIS_URL,
      HF_API_URL: closed,
      ARXIV_API_URL: `${closed}/api/query`,
      ARXIV_RSS_URL: `${closed}/rss`,
      ARXIV_HTML_URL: `${closed}/html`,
      PAPERBOY_REMOTE_TIMEOUT_MS: "50",
    },
    dataDir,
  );
  const bot = await startBot(config, silentLogger(), { slackRetries: 0, now: () => new Date(clock) });
  standIn.setAppUrl(`${bot.url}/slack/events`);
  await bot.services.index.ingest(readPaperFile(SAMPLE));
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const redis = client as unknown as Redis;
  const loadStart = loadavg();
  // The bot's event de-duplication claims are not keyed by team: the ones this run adds are removed at the end.
  const claimsBefore = new Set(await keysMatching(redis, "paperboy:claims::event:*"));
  try {
    const ids = (JSON.parse(readFileSync(SAMPLE, "utf8")) as { arxivId: string }[])
      .slice(0, 12)
      .map((paper) => paper.arxivId);
    const user = (i: number) => (users[i % users.length] as { id: string }).id;
    const keysBefore = (await keysMatching(redis, "paperboy*")).length;
    let sent = 0;
    let soakMs = 0;
    // The channel discusses the papers once (a thread per paper), then reacts and replies for three weeks.
    const roots: string[] = [];
    for (const id of ids) {
      const before = standIn.messages(channel).length;
      await standIn.sendSlashCommand({ text: `discuss ${id}`, channel, user: user(0) });
      const root = await standIn.waitFor(() => standIn.messages(channel)[before]?.ts, 10_000);
      await standIn.waitFor(async () => bot.services.discussions.paperForThread(channel, root), 10_000);
      roots.push(root);
    }
    sent += ids.length;
    const perWeek = { reactions: counts.reactions / WEEKS.length, replies: counts.replies / WEEKS.length };
    for (const week of WEEKS) {
      clock = Date.parse(week);
      const started = performance.now();
      await inParallel(perWeek.reactions + perWeek.replies, async (i) => {
        const root = roots[i % roots.length] as string;
        if (i < perWeek.reactions) {
          await standIn.sendEvent({
            type: "reaction_added",
            user: user(i),
            reaction: REACTIONS[i % REACTIONS.length],
            item_user: "UBOT",
            item: { type: "message", channel, ts: root },
          });
        } else {
          await standIn.sendUserMessage({ text: `reply ${i}`, user: user(i), channel, threadTs: root });
        }
      });
      soakMs += performance.now() - started;
      sent += perWeek.reactions + perWeek.replies;
    }
    // Wait until every event is counted (the bot acks first and counts after).
    const weeks = ["2026-W12", "2026-W13", "2026-W14"];
    const counted = async () => {
      let total = 0;
      for (const week of weeks) {
        const papers = (await bot.weekly.ledger.week(team, channel, week)).papers;
        total += Object.values(papers).reduce((sum, c) => sum + totalActivity(c), 0);
      }
      return total;
    };
    const deadline = Date.now() + 60_000;
    while ((await counted()) < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const countedEvents = await counted();

    const activityKeys = await keysMatching(redis, `*activity:week:${team}:*`);
    const activityBytes = await bytesOf(redis, activityKeys);
    const ttlDays = Number(await client.pTTL(activityKeys[0] ?? "")) / 86_400_000;
    const keysAfter = (await keysMatching(redis, "paperboy*")).length;
    const eventClaims = (await keysMatching(redis, "paperboy:claims::event:*")).filter(
      (key) => !claimsBefore.has(key),
    ).length;

    // The same-run baseline: the same events kept as one row each (what counts avoid).
    const rowsNamespace = `paperboy-bench-rows-${run}`;
    const rows = await createStateStore({ url: REDIS_URL, namespace: rowsNamespace });
    await inParallel(sent, (i) =>
      rows.set(
        `activity:event:${team}:${channel}:${i}`,
        { team, channel, paperId: ids[i % ids.length], kind: "reacted", at: new Date(clock).toISOString() },
        35 * 86_400_000,
      ),
    );
    const rowKeys = await keysMatching(redis, `${rowsNamespace}*`);
    const rowBytes = await bytesOf(redis, rowKeys);
    await rows.close();
    for (const key of rowKeys) await client.del(key);

    const figures = {
      sent,
      countedEvents,
      eventsPerSecond: Math.round((counts.reactions + counts.replies) / (soakMs / 1000)),
      activityKeys: activityKeys.length,
      activityBytes,
      ttlDays: Math.round(ttlDays * 10) / 10,
      rowKeys: rowKeys.length,
      rowBytes,
      keysBefore,
      keysAfter,
      eventClaims,
    };
    return { markdown: renderMarkdown(figures, loadStart, REDIS_URL), json: figures };
  } finally {
    for (const key of await keysMatching(redis, `*${run}*`)) await client.del(key);
    for (const key of await keysMatching(redis, "paperboy:claims::event:*"))
      if (!claimsBefore.has(key)) await client.del(key);
    await client.quit();
    await bot.stop();
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function renderMarkdown(f: Record<string, number>, loadStart: number[], url: string): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    "### Activity soak (weekly roundup counts)",
    "",
    `${f.sent?.toLocaleString("en-US")} events (reactions, thread replies and the discussions they hang on) sent to the real bot over HTTP by ${SENDERS} senders, spread over three ISO weeks; ${f.countedEvents?.toLocaleString("en-US")} counted; ${f.eventsPerSecond} events/s acked.`,
    "",
    "| What the store holds for the counts | keys | bytes (Redis MEMORY USAGE) |",
    "|---|---:|---:|",
    `| paperboy's counts (one value per channel and week, expires after ${f.ttlDays} days) | ${f.activityKeys} | ${kb(f.activityBytes ?? 0)} |`,
    `| baseline, same run: one row per event | ${f.rowKeys?.toLocaleString("en-US")} | ${kb(f.rowBytes ?? 0)} |`,
    "",
    `Keys in the bot's namespace before / after: ${f.keysBefore} / ${f.keysAfter}; of these, ${f.eventClaims} are Slack event de-duplication claims (one per delivered event, 24 h TTL, an existing bound outside the counts).`,
    "",
    `Redis: ${url.replace(/\/\/[^@]*@/, "//")}. Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), load average ${loadStart.map((l) => l.toFixed(2)).join(" / ")} at the start, ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} at the end.`,
  ].join("\n");
}
