// End to end over real HTTP: what a browser, a probe or an oversized body gets from /slack/events, and /readyz.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { signSlackRequest } from "../../src/playground/http-delivery.ts";
import { MAX_SLACK_BODY_BYTES } from "../../src/server/body-limit.ts";
import { useTestBot } from "../support/bot-harness.ts";
import { firstResponse, paperIdsIn } from "../support/e2e-helpers.ts";

/** A signed POST to /slack/events sent in chunks, without a Content-Length (as a proxy may forward it). */
function chunkedPost(url: string, secret: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "transfer-encoding": "chunked",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signSlackRequest(secret, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The bot may close the connection as soon as it has refused the body.
    req.on("error", (error) => (String(error).includes("EPIPE") ? undefined : reject(error)));
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024));
    req.end();
  });
}

describe("HTTP edges of /slack/events", () => {
  const t = useTestBot();
  const events = () => `${t.bot.url}/slack/events`;

  it("answers GET, HEAD, PUT and DELETE with 405 and Allow: POST, never a 500", async () => {
    for (const method of ["GET", "HEAD", "PUT", "DELETE"]) {
      const response = await fetch(events(), { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
    const next = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(paperIdsIn(await firstResponse(t.standIn, next.responseUrlId))).toHaveLength(5);
  });

  it("refuses a body above the limit with 413 before reading it, with or without a Content-Length", async () => {
    const huge = `text=${"a".repeat(MAX_SLACK_BODY_BYTES + 10)}`;
    const withLength = await fetch(events(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: huge,
    });
    expect(withLength.status).toBe(413);
    expect(await chunkedPost(events(), t.standIn.signingSecret, huge)).toBe(413);
    // A body just under the limit is read and judged by its signature, as any other.
    const unsigned = await fetch(events(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `text=${"a".repeat(MAX_SLACK_BODY_BYTES - 100)}`,
    });
    expect(unsigned.status).toBe(401);
    expect(t.standIn.responses()).toEqual([]);
  });

  it("answers a signed body that parses to no object (null, payload=null, []) with 400 instead of leaving it hanging", async () => {
    const bodies = [
      { type: "application/json", body: "null" },
      { type: "application/x-www-form-urlencoded", body: "payload=null" },
      { type: "application/json", body: "[]" },
    ];
    for (const { type, body } of bodies) {
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(events(), {
        method: "POST",
        headers: {
          "content-type": type,
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signSlackRequest(t.standIn.signingSecret, timestamp, body),
        },
        body,
        // Before the guard Bolt threw on `body.ssl_check` and the request was never answered.
        signal: AbortSignal.timeout(5_000),
      });
      expect(response.status, body).toBe(400);
    }
    const next = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(paperIdsIn(await firstResponse(t.standIn, next.responseUrlId))).toHaveLength(5);
  });

  it("answers /readyz with 200 once started, and /healthz with what it checked", async () => {
    const ready = await fetch(`${t.bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
    const health = await fetch(`${t.bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });
});
