// End to end over real HTTP: /healthz tells the truth about the store and the index; /metrics is complete.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot, useTestBot } from "../support/bot-harness.ts";
import { firstResponse, waitForMessages } from "../support/e2e-helpers.ts";
import { redisUnreachable } from "../support/test-redis.ts";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of the test's own (the shared one must never be stopped), ready to answer. */
async function privateRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && (await redisUnreachable(url)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url, process: child };
}

async function metricsOf(url: string): Promise<string> {
  return await (await fetch(`${url}/metrics`)).text();
}

describe("/healthz with a broken dependency", () => {
  let t: TestBot | undefined;
  let redis: ChildProcess | undefined;
  afterEach(async () => {
    // A bot whose Redis is gone may not close cleanly; the test is over either way.
    await Promise.race([t?.close().catch(() => {}), new Promise((r) => setTimeout(r, 2_000))]);
    redis?.kill("SIGKILL");
    t = undefined;
    redis = undefined;
  });

  it("answers 503 with the reason once the paper index cannot be read, and /readyz follows it", async () => {
    t = await startTestBot();
    expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    t.bot.services.index.close();
    const health = await fetch(`${t.bot.url}/healthz`);
    expect(health.status).toBe(503);
    const report = (await health.json()) as { ok: boolean; reason: string };
    expect(report.ok).toBe(false);
    expect(report.reason).toContain("the paper index cannot be read");
    expect((await fetch(`${t.bot.url}/readyz`)).status).toBe(503);
  });

  it.skipIf(!hasRedisServer)("answers 503 with the reason once the state store (Redis) is down", async () => {
    const own = await privateRedis();
    redis = own.process;
    t = await startTestBot({ env: { PAPERBOY_STORE_URL: own.url } });
    expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    const stopped = new Promise((resolve) => own.process.once("exit", resolve));
    own.process.kill("SIGKILL");
    await stopped;
    const health = await fetch(`${t.bot.url}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { reason: string }).reason).toContain("the state store does not answer");
  });
});

describe("/metrics", () => {
  const t = useTestBot({ slackRetries: 1 });

  it("includes the process's own metrics, and totals are counters", async () => {
    const text = await metricsOf(t.bot.url);
    for (const name of [
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_active_handles_total",
    ]) {
      expect(text).toMatch(new RegExp(`^${name} `, "m"));
    }
    const types = [...text.matchAll(/^# TYPE (paperboy_\w+) (\w+)$/gm)].map(([, name, type]) => ({
      name,
      type,
    }));
    const totals = types.filter((metric) => metric.name?.endsWith("_total"));
    expect(totals.length).toBeGreaterThan(8);
    for (const total of totals) expect(total, String(total.name)).toMatchObject({ type: "counter" });
  });

  it("counts Slack's refusals and 429s per method, and paper sources that failed", async () => {
    t.standIn.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });
    await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2111.01253" });
    await t.standIn.waitFor(() => t.standIn.responses().length > 0, 5_000, "the error answer");
    t.standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 0 });
    await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2111.01253" });
    await waitForMessages(t.standIn, "C0PAPERS", 1, 8_000);
    await t.standIn.sendSlashCommand({ text: "graph neural networks" });
    await t.standIn.waitFor(() => t.standIn.responses().length >= 2, 5_000, "the search answer");

    const text = await metricsOf(t.bot.url);
    expect(text).toMatch(/^paperboy_slack_errors_total\{method="chat\.postMessage"\} 1$/m);
    expect(text).toMatch(/^paperboy_slack_rate_limited_total\{method="chat\.postMessage"\} 1$/m);
    expect(text).toMatch(/^paperboy_source_failures_total\{source="hf"\} [1-9]/m);
  });
});

describe("/metrics and the digest's paper sources", () => {
  const t = useTestBot();

  it("counts a source the digest could not fetch its candidates from (no search involved)", async () => {
    // Hugging Face is on a closed port: the preview is composed from the index, and the failure counted once.
    const preview = await t.standIn.sendSlashCommand({ text: "digest preview", channel: "C0PAPERS" });
    await firstResponse(t.standIn, preview.responseUrlId);
    const text = await metricsOf(t.bot.url);
    expect(text).toMatch(/^paperboy_source_failures_total\{source="hf"\} 1$/m);
    expect(text).not.toMatch(/^paperboy_searches_total/m);
  });
});

describe("METRICS_PORT", () => {
  const t = useTestBot({ env: { METRICS_PORT: "0" } });

  it("serves /metrics on its own port and no longer on the port Slack reaches", async () => {
    expect(t.bot.metricsUrl).toBeDefined();
    expect(await metricsOf(t.bot.metricsUrl ?? "")).toMatch(/^# TYPE paperboy_commands_total counter$/m);
    expect((await fetch(`${t.bot.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.bot.metricsUrl}/healthz`)).status).toBe(404);
  });
});
