// Bench for the Slack app: 200 concurrent signed `/papers` commands over HTTP against the real bot on the
// 74,728-paper index → ack latency and time until the results reach response_url (p50 / p95 / p99).
import type { IncomingMessage } from "node:http";
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { startSlackStandIn } from "../src/playground/slack-stand-in.ts";
import { findCorpus } from "./bench-corpus.ts";
import { cachedCorpusIndex, startBotProcess } from "./slack-bench-bot.ts";
import { burstAgent, calibrateBurst, sendCommandBurst } from "./slack-bench-load.ts";

const TARGETS = { ackP99Ms: 100, deliveredP95Ms: 500 };
const COMMANDS = 200;
const QUICK_COMMANDS = 50;
// A bot that has been up a while: V8 keeps optimising the hot paths of the bot, its search thread and the
// load generator over the first thousand or so commands (the first bursts after a start are up to 1.5× slower).
// The first burst after the start is reported on its own; the measured figures pool several later bursts.
const WARM_UP_BURSTS = 5;
const MEASURED_BURSTS = 3;

/** What people type after `/papers`: words, phrases, questions, ids and links of corpus papers, junk. */
export const SLACK_BENCH_QUERIES = [
  "regularization",
  "gaussian splatting",
  "diffusion models for video generation",
  "large language models",
  "vision-language models safety",
  "reinforcement learning from human feedback",
  '"mixture of experts"',
  "graph neural networks for molecules",
  "jailbreaking multimodal models",
  "how do transformers handle long context?",
  "retrieval augmented generation evaluation",
  "source-free object detection",
  "speculative decoding",
  "medical image segmentation",
  "autonomous driving world model",
  "federated learning privacy",
  "chain of thought reasoning",
  "low-rank adaptation fine-tuning",
  "point cloud registration",
  "2503.11731",
  "https://arxiv.org/abs/2503.11742v1",
  "https://huggingface.co/papers/2503.11750",
  "grokking",
  "qwzxv plmkjh",
] as const;

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  name: string;
  remoteTimeoutMs: number;
  searchThreads: number | "default";
  /** Commands per burst (all sent at once). */
  commands: number;
  /** Bursts pooled into ackMs and deliveredMs, after warmUpBursts (the first of them reported as firstBurst). */
  bursts: number;
  warmUpBursts: number;
  distinctQueries: number;
  ackMs: Percentiles;
  deliveredMs: Percentiles;
  /** The first burst after the bot started (its search threads ready, nothing else warm). */
  firstBurst: { ackMs: Percentiles; deliveredMs: Percentiles };
  /** Commands not acked with 200, responses not accepted by the stand-in, payloads its validator refused. */
  failures: { notAcked: number; notDelivered: number; rejected: number };
  met: { ackP99: boolean; deliveredP95: boolean };
}

interface Scenario {
  name: string;
  remoteTimeoutMs: number;
  /** PAPERBOY_SEARCH_THREADS for the bot; "default" leaves it to the bot (one per spare core). */
  searchThreads: number | "default";
  why: string;
}

const SCENARIOS: Scenario[] = [
  {
    name: "sources down (closed port), default remote timeout",
    remoteTimeoutMs: 1_500,
    searchThreads: "default",
    why: "what a deployment whose paper sources are unreachable does: each search also waits for them",
  },
  {
    name: "local index only (remote timeout 0)",
    remoteTimeoutMs: 0,
    searchThreads: "default",
    why: "the bot's own work (sources still asked, never waited for): ack, parse, index search, cached summaries, render, response_url",
  },
  {
    name: "local index only, no search threads",
    remoteTimeoutMs: 0,
    searchThreads: 0,
    why: "the same with every search on the main thread (PAPERBOY_SEARCH_THREADS=0): what the search threads are worth",
  },
];

/** Runs the bench; returns a Markdown section and the raw figures. Skips when the corpus is absent. */
export async function runSlackBench(
  options: { quick?: boolean } = {},
): Promise<{ markdown: string; json: unknown }> {
  const corpus = findCorpus();
  if (!corpus) {
    const reason =
      "the arXiv corpus (arxiv-2025-cs.jsonl.gz) was not found in PAPERBOY_BENCH_CORPUS, data/ or ../shared/corpus/";
    return { markdown: `## Slack: concurrent /papers\n\n_Skipped: ${reason}._\n`, json: { skipped: reason } };
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const index = cachedCorpusIndex(corpus, log);
  const commands = options.quick ? QUICK_COMMANDS : COMMANDS;
  const loadStart = loadavg();
  const calibration = await calibrate(commands);
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    results.push(await runScenario(scenario, index.dir, commands, options));
  }
  const json = {
    targets: TARGETS,
    papers: index.papers,
    calibration,
    results,
    loadavg: { start: loadStart, end: loadavg() },
  };
  return { markdown: renderMarkdown(results, index.papers, calibration, loadStart), json };
}

async function runScenario(
  scenario: Scenario,
  dataDir: string,
  commands: number,
  options: { quick?: boolean },
): Promise<ScenarioResult> {
  const standIn = await startSlackStandIn();
  // When each response_url POST reaches the stand-in (its headers; before the stand-in validates the body).
  const arrivals = new Map<string, number>();
  standIn.server.on("request", (req: IncomingMessage) => {
    const id = /^\/response\/([\w-]+)/.exec(req.url ?? "")?.[1];
    if (id && !arrivals.has(id)) arrivals.set(id, performance.now());
  });
  const bot = await startBotProcess({
    dataDir,
    slack: { apiUrl: standIn.apiUrl, botToken: standIn.botToken, signingSecret: standIn.signingSecret },
    env: {
      PAPERBOY_REMOTE_TIMEOUT_MS: String(scenario.remoteTimeoutMs),
      ...(scenario.searchThreads === "default"
        ? {}
        : { PAPERBOY_SEARCH_THREADS: String(scenario.searchThreads) }),
    },
  });
  const agent = burstAgent(commands);
  try {
    standIn.setAppUrl(bot.eventsUrl);
    const texts = Array.from(
      { length: commands },
      (_, i) => SLACK_BENCH_QUERIES[i % SLACK_BENCH_QUERIES.length] ?? "",
    );
    /** One burst of every command at once: each command's ack and delivery latency, and what failed. */
    const burst = async () => {
      standIn.reset();
      arrivals.clear();
      const sent = await sendCommandBurst(standIn, bot.eventsUrl, texts, agent);
      await standIn
        .waitFor(
          () => arrivals.size >= commands && standIn.responses().length >= commands,
          30_000,
          "every answer",
        )
        .catch(() => undefined);
      return {
        ack: sent.map((command) => command.ackMs).filter((ms) => Number.isFinite(ms)),
        delivered: sent
          .map((command) => (arrivals.get(command.responseUrlId) ?? Number.NaN) - command.startedAt)
          .filter((ms) => Number.isFinite(ms)),
        notAcked: sent.filter((command) => command.status !== 200).length,
        notDelivered: commands - standIn.responses().filter((response) => response.accepted).length,
        rejected: standIn.rejected().length,
      };
    };
    const bursts: Awaited<ReturnType<typeof burst>>[] = [];
    const warmUp = options.quick ? 1 : WARM_UP_BURSTS;
    const measured = options.quick ? 1 : MEASURED_BURSTS;
    for (let i = 0; i < warmUp + measured; i++) bursts.push(await burst());
    const first = bursts[0];
    const pooled = bursts.slice(warmUp);
    const ack = pooled.flatMap((b) => b.ack);
    const delivered = pooled.flatMap((b) => b.delivered);
    const ackMs = percentiles(ack);
    const deliveredMs = percentiles(delivered);
    const total = (key: "notAcked" | "notDelivered" | "rejected") => sum(bursts.map((b) => b[key]));
    return {
      name: scenario.name,
      remoteTimeoutMs: scenario.remoteTimeoutMs,
      searchThreads: scenario.searchThreads,
      commands,
      bursts: measured,
      warmUpBursts: warmUp,
      distinctQueries: new Set(texts).size,
      ackMs,
      deliveredMs,
      firstBurst: { ackMs: percentiles(first?.ack ?? []), deliveredMs: percentiles(first?.delivered ?? []) },
      failures: {
        notAcked: total("notAcked"),
        notDelivered: total("notDelivered"),
        rejected: total("rejected"),
      },
      met: {
        ackP99: ackMs.p99 <= TARGETS.ackP99Ms && total("notAcked") === 0,
        deliveredP95: delivered.length === commands * measured && deliveredMs.p95 <= TARGETS.deliveredP95Ms,
      },
    };
  } finally {
    agent.destroy();
    await bot.stop();
    await standIn.close();
  }
}

/** The generator's own ack latency for the same burst, against a server that answers at once. */
async function calibrate(commands: number): Promise<Percentiles> {
  const standIn = await startSlackStandIn();
  try {
    const texts = Array.from(
      { length: commands },
      (_, i) => SLACK_BENCH_QUERIES[i % SLACK_BENCH_QUERIES.length] ?? "",
    );
    return percentiles(await calibrateBurst(standIn, texts));
  } finally {
    await standIn.close();
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

function renderMarkdown(
  results: ScenarioResult[],
  papers: number,
  calibration: Percentiles,
  loadStart: number[],
): string {
  const mark = (ok: boolean) => (ok ? "✅" : "❌");
  const rows = results.map((r) => {
    const s = SCENARIOS.find((scenario) => scenario.name === r.name);
    const fail = r.failures;
    return [
      `| ${r.name} | ${r.bursts} × ${r.commands} (${r.distinctQueries} queries)`,
      `${r.ackMs.p50} / ${r.ackMs.p95} / ${r.ackMs.p99} ms ${mark(r.met.ackP99)}`,
      `${r.deliveredMs.p50} / ${r.deliveredMs.p95} / ${r.deliveredMs.p99} ms ${mark(r.met.deliveredP95)}`,
      `${r.firstBurst.ackMs.p99} / ${r.firstBurst.deliveredMs.p95} ms`,
      `${fail.notAcked} / ${fail.notDelivered} / ${fail.rejected}`,
      `${s?.why ?? ""} |`,
    ].join(" | ");
  });
  return [
    "## Slack: concurrent /papers over HTTP",
    "",
    `Bursts of ${results[0]?.commands ?? 0} signed \`/papers\` commands, each burst sent at once, to the bot (its own ` +
      `process, HTTP mode) on the ${papers.toLocaleString("en-US")}-paper index; the Slack stand-in and the load ` +
      "generator run in the bench process, on the same cores. Ack = until the bot answered the POST; delivered = " +
      "until its answer reached response_url. Each scenario starts a bot, sends its first burst as soon as the " +
      `bot's search threads are ready, ${(results[0]?.warmUpBursts ?? 1) - 1} more to warm it up, then measures ` +
      `${results[0]?.bursts ?? 0} (their latencies pooled).`,
    "",
    `| scenario | bursts × commands | ack p50 / p95 / p99 (target p99 ≤ ${TARGETS.ackP99Ms} ms) | delivered p50 / p95 / p99 (target p95 ≤ ${TARGETS.deliveredP95Ms} ms) | first burst after start: ack p99 / delivered p95 | not acked / not delivered / rejected (all bursts) | what it shows |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Calibration: the same burst against a server that acks at once gets ${calibration.p50} / ${calibration.p95} / ` +
      `${calibration.p99} ms (p50 / p95 / p99): that much of the ack figures is the load generator and loopback, ` +
      "sharing the machine's cores with the bot.",
    "",
    `Machine: ${cpus().length} CPUs, load average ${loadStart.map((l) => l.toFixed(2)).join(" / ")} at the start ` +
      `and ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" / ")} at the end (other work on the machine slows every figure).`,
    "",
  ].join("\n");
}

// `node --import tsx bench/slack-bench.ts [--quick]` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, json } = await runSlackBench({ quick: process.argv.includes("--quick") });
  process.stdout.write(`${markdown}\n${JSON.stringify(json, null, 2)}\n`);
}
