// End to end: a flood of commands cannot pile up work in the bot; past its limit a command is told to retry.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSlackRequest } from "../../src/playground/http-delivery.ts";
import { buildSlashCommand, newTriggerId } from "../../src/playground/slack-payloads.ts";
import { useTestBot } from "../support/bot-harness.ts";
import { firstResponse, visibleText } from "../support/e2e-helpers.ts";

/** A response_url that takes the bot's answers but holds its reply to them until released (a slow Slack). */
function slowResponseUrl() {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => held.push(res));
  });
  return {
    server,
    held,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/held`,
    release() {
      for (const res of held.splice(0)) res.end('{"ok":true}');
    },
  };
}

describe("more /papers commands at once than the bot works on", () => {
  const t = useTestBot({ workLimit: { maxActive: 2, waitMs: 300 } });
  const slow = slowResponseUrl();
  beforeAll(() => new Promise<void>((resolve) => slow.server.listen(0, "127.0.0.1", resolve)));
  afterAll(() => {
    slow.release();
    slow.server.close();
  });

  /** `/papers <text>` signed as Slack signs it, answered at the slow response_url. */
  async function commandAnsweredSlowly(text: string): Promise<Response> {
    const body = new URLSearchParams(
      buildSlashCommand(t.standIn.workspace, {
        command: "/papers",
        text,
        user: "U0ADA",
        channel: "C0PAPERS",
        responseUrl: slow.url(),
        triggerId: newTriggerId(),
      }),
    ).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    return await fetch(`${t.bot.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signSlackRequest(t.standIn.signingSecret, timestamp, body),
      },
      body,
    });
  }

  it("answers the ones it took, tells the next one it is busy, and takes commands again once free", async () => {
    // Two commands whose answers Slack is slow to take: both stay in the bot's hands.
    const taken = await Promise.all([
      commandAnsweredSlowly("regularization"),
      commandAnsweredSlowly("diffusion"),
    ]);
    expect(taken.map((response) => response.status)).toEqual([200, 200]);
    await t.standIn.waitFor(() => slow.held.length === 2, 5_000, "two answers held");
    expect(await (await fetch(`${t.bot.url}/metrics`)).text()).toMatch(/^paperboy_slack_requests_active 2$/m);

    const started = performance.now();
    const turnedAway = await t.standIn.sendSlashCommand({ text: "transformers" });
    // It waited for a slot (Slack's 3 s allow that), then was told why nothing else comes.
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(turnedAway.status).toBe(200);
    expect(turnedAway.body).toContain("answering a lot of requests right now");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.standIn.responses(turnedAway.responseUrlId)).toEqual([]);

    slow.release();
    const later = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(visibleText(await firstResponse(t.standIn, later.responseUrlId))).toContain(
      "Results for “regularization”",
    );
    const metrics = await (await fetch(`${t.bot.url}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_requests_shed_total 1$/m);
  });
});
