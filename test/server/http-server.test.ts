// The HTTP server's own answers: a GET on /slack/events is one debug line, and /readyz waits for start-up.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { type RunningServer, startHttpServer } from "../../src/server/http-server.ts";
import { createMetrics } from "../../src/server/metrics.ts";

function capture() {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("debug", sink), lines };
}

describe("startHttpServer", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
  });

  it("answers a GET on /slack/events with 405 and one debug line, without reaching Slack's listener", async () => {
    const { logger, lines } = capture();
    let reached = 0;
    running = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      logger,
      metrics: createMetrics(),
      slackListener: () => {
        reached++;
      },
    });
    const response = await fetch(`${running.url}/slack/events?x=1`);
    expect(response.status).toBe(405);
    expect(reached).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(20); // pino's debug
    expect(JSON.stringify(lines[0]).length).toBeLessThan(300);
  });

  it("answers /readyz 503 until the start-up work is done, then 200", async () => {
    let ready = false;
    running = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      logger: capture().logger,
      metrics: createMetrics(),
      isReady: () => ready,
    });
    const before = await fetch(`${running.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ok: false, reason: "starting" });
    ready = true;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });
});
