// Soak bench: thousands of signed `/papers` commands and `app_mention` events sent to the real bot (its own
// process, HTTP mode, the 66 sample papers) by 20 concurrent senders; the bot's RSS and heap after a full GC,
// before and after, show whether memory grows with traffic. `--snapshots` also writes heap snapshots.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, type IncomingMessage, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { silentLogger } from "../src/logger.ts";
import { openPaperIndex } from "../src/papers/paper-index.ts";
import { readPaperFile } from "../src/papers/sources/paper-file.ts";
import { signSlackRequest } from "../src/playground/http-delivery.ts";
import {
  buildEventCallback,
  buildSlashCommand,
  newEventId,
  newTriggerId,
} from "../src/playground/slack-payloads.ts";
import { type SlackStandIn, startSlackStandIn } from "../src/playground/slack-stand-in.ts";
import { type Memory, round, startProbedBot } from "./soak-bot.ts";

const SAMPLE = fileURLToPath(new URL("../fixtures/sample/seed-papers.json", import.meta.url));
const SENDERS = 20;
// Counts as the issue measured them; --quick (and SOAK_COMMANDS / SOAK_MENTIONS) send fewer.
const FULL = { commands: 20_000, mentions: 4_000 };
const QUICK = { commands: 3_000, mentions: 1_000 };
const WARM_UP = 1_000;
// Each phase stops after this long whatever it sent, so the bench stays bounded on a busy machine.
const PHASE_LIMIT_MS = Number(process.env.SOAK_PHASE_LIMIT_MS ?? 300_000);

export interface SoakPhase {
  name: string;
  sent: number;
  seconds: number;
  /** How long after the last ack the bot took to send its last answer (work it had queued). */
  drainSeconds: number;
  /** The bot's RSS (no GC) when the last request was acked, and the most it reached during the phase. */
  rssAtLastAckMb: number;
  peakRssMb: number;
  /** Requests the bot did not answer with 200. */
  failed: number;
  /** Commands the bot turned away as busy (acked with a notice, no work queued). */
  shed: number;
  before: Memory;
  after: Memory;
  /** Growth per request (after − before), in KB. */
  rssKbPerRequest: number;
  heapKbPerRequest: number;
}

/** Runs the soak; returns a Markdown section and the raw figures. */
export async function runSoakBench(
  options: { quick?: boolean; snapshots?: boolean } = {},
): Promise<{ markdown: string; json: unknown }> {
  const counts = options.quick ? QUICK : FULL;
  const commands = Number(process.env.SOAK_COMMANDS ?? counts.commands);
  const mentions = Number(process.env.SOAK_MENTIONS ?? counts.mentions);
  const dataDir = mkdtempSync(join(tmpdir(), "paperboy-soak-"));
  const index = openPaperIndex({ dir: dataDir, logger: silentLogger() });
  await index.ingest(readPaperFile(SAMPLE));
  const papers = index.count();
  index.close();
  const standIn = await startSlackStandIn();
  // The bot's answers (first POST to each response_url, every chat.postMessage), to know when it caught up.
  const answered = {
    ids: new Set<string>(),
    posts: 0,
    get count() {
      return this.ids.size + this.posts;
    },
  };
  standIn.server.on("request", (req: IncomingMessage) => {
    const url = req.url ?? "";
    const responseId = /^\/response\/([\w-]+)/.exec(url)?.[1];
    if (responseId) answered.ids.add(responseId);
    else if (url.startsWith("/api/chat.postMessage")) answered.posts++;
  });
  const bot = await startProbedBot(dataDir, standIn);
  const loadStart = loadavg();
  try {
    standIn.setAppUrl(bot.eventsUrl);
    const phases: SoakPhase[] = [];
    const kinds = [
      { name: "`/papers regularization` commands", count: commands, build: () => slashCommand(standIn) },
      { name: "`app_mention` events (unique ids)", count: mentions, build: () => appMention(standIn) },
    ];
    for (const kind of kinds) {
      await sendAll(bot.eventsUrl, standIn, answered, WARM_UP, kind.build, () => 0);
      const before = await bot.measure();
      const shedBefore = await bot.shed();
      if (options.snapshots) await bot.snapshot(`before-${phases.length}`);
      const started = performance.now();
      let peakRssMb = 0;
      const sampler = setInterval(() => {
        peakRssMb = Math.max(peakRssMb, bot.rssNowMb());
      }, 250);
      const { sent, failed, drainSeconds, rssAtLastAckMb } = await sendAll(
        bot.eventsUrl,
        standIn,
        answered,
        kind.count,
        kind.build,
        () => bot.rssNowMb(),
      );
      clearInterval(sampler);
      peakRssMb = Math.max(peakRssMb, rssAtLastAckMb);
      const seconds = (performance.now() - started) / 1000;
      const after = await bot.measure();
      if (options.snapshots) await bot.snapshot(`after-${phases.length}`);
      phases.push({
        name: kind.name,
        sent,
        seconds: Math.round(seconds),
        drainSeconds,
        rssAtLastAckMb,
        peakRssMb,
        failed,
        shed: (await bot.shed()) - shedBefore,
        before,
        after,
        rssKbPerRequest: round(((after.rssMb - before.rssMb) * 1024) / Math.max(sent, 1)),
        heapKbPerRequest: round(((after.heapUsedMb - before.heapUsedMb) * 1024) / Math.max(sent, 1)),
      });
    }
    return { markdown: renderMarkdown(phases, papers, loadStart), json: { papers, phases } };
  } finally {
    await bot.stop();
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Built = { body: string; contentType: string };

function slashCommand(standIn: SlackStandIn): Built {
  const user = "U0ADA";
  const channel = "C0PAPERS";
  const fields = buildSlashCommand(standIn.workspace, {
    command: "/papers",
    text: "regularization",
    user,
    channel,
    responseUrl: standIn.issueResponseUrl({ channel, user }).url,
    triggerId: newTriggerId(),
  });
  return { body: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" };
}

function appMention(standIn: SlackStandIn): Built {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const event = {
    type: "app_mention",
    user: "U0ADA",
    text: `<@${standIn.workspace.botUserId}> what is this paper about?`,
    ts,
    channel: "C0PAPERS",
    event_ts: ts,
  };
  const body = buildEventCallback(standIn.workspace, event, {
    eventId: newEventId(),
    eventTime: Math.floor(Date.now() / 1000),
  });
  return { body: JSON.stringify(body), contentType: "application/json" };
}

/**
 * Sends `count` requests from SENDERS concurrent senders, each signed as Slack signs it (stopping at the time
 * limit), then waits until the bot sent an answer for each of them.
 */
async function sendAll(
  eventsUrl: string,
  standIn: SlackStandIn,
  answered: { ids: Set<string>; count: number },
  count: number,
  build: () => Built,
  rssNowMb: () => number,
): Promise<{ sent: number; failed: number; drainSeconds: number; rssAtLastAckMb: number }> {
  const url = new URL(eventsUrl);
  // Fresh keep-alive connections: the bot closes idle ones while the bench measures between phases.
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const answeredBefore = answered.count;
  const deadline = performance.now() + PHASE_LIMIT_MS;
  let next = 0;
  let failed = 0;
  const sender = async () => {
    while (next < count && performance.now() < deadline) {
      next++;
      const status = await post(url, agent, build(), standIn.signingSecret);
      if (status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  agent.destroy();
  const rssAtLastAckMb = rssNowMb();
  const acked = performance.now();
  const drainDeadline = acked + PHASE_LIMIT_MS;
  while (answered.count - answeredBefore < next - failed && performance.now() < drainDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const drainSeconds = round((performance.now() - acked) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  standIn.reset();
  answered.ids.clear();
  return { sent: next, failed, drainSeconds, rssAtLastAckMb };
}

function post(url: URL, agent: Agent, built: Built, signingSecret: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        timeout: 10_000,
        headers: {
          "content-type": built.contentType,
          "content-length": Buffer.byteLength(built.body),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signSlackRequest(signingSecret, timestamp, built.body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", () => resolve(0));
    req.end(built.body);
  });
}

function renderMarkdown(phases: SoakPhase[], papers: number, loadStart: number[]): string {
  const rows = phases.map(
    (p) =>
      `| ${p.sent.toLocaleString("en-US")} ${p.name} | ${p.seconds} s + ${p.drainSeconds} s | ${p.failed} / ${p.shed} | ` +
      `${p.rssAtLastAckMb} MB / ${p.peakRssMb} MB | ` +
      `${p.before.rssMb} → ${p.after.rssMb} MB (${p.rssKbPerRequest} KB each) | ` +
      `${p.before.heapUsedMb} → ${p.after.heapUsedMb} MB (${p.heapKbPerRequest} KB each) |`,
  );
  return [
    "## Soak: memory under sustained traffic",
    "",
    `Signed requests from ${SENDERS} concurrent senders to the bot (its own process, HTTP mode, in-memory state ` +
      `store, ${papers} sample papers, sources at a closed port) with the Slack stand-in in the bench process. ` +
      `Each kind is preceded by ${WARM_UP.toLocaleString("en-US")} warm-up requests; memory is read in the bot ` +
      "after two full GCs (`--expose-gc`).",
    "",
    "| requests | acked in + answered after | not 200 / turned away busy | bot RSS at the last ack / peak | bot RSS after GC, before → after (all answered) | bot heap used after GC |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Machine: ${cpus().length} CPUs, load average ${loadStart.map((l) => l.toFixed(2)).join(" / ")} at the start.`,
    "",
  ].join("\n");
}

// `node --import tsx bench/soak-bench.ts [--quick] [--snapshots]` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, json } = await runSoakBench({
    quick: process.argv.includes("--quick"),
    snapshots: process.argv.includes("--snapshots"),
  });
  process.stdout.write(`${markdown}\n${JSON.stringify(json, null, 2)}\n`);
}
