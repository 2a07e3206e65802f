// End to end: Slack Web API failures, Slack's 429s and the per-user LLM budget — clear messages, bot alive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot, useTestBot } from "../support/bot-harness.ts";
import {
  firstResponse,
  paperIdsIn,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("Web API failures over %s", (transport) => {
  const t = useTestBot({ transport });

  it("a failed chat.postMessage during Share tells the user through response_url; the next command works", async () => {
    t.standIn.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });
    const click = await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2111.01253" });
    expect(click.status).toBe(200);
    const body = await firstResponse(t.standIn, click.responseUrlId);
    expect(body.response_type).toBe("ephemeral");
    const text = visibleText(body);
    expect(text).toContain("Slack did not accept a request from paperboy");
    expect(text).toContain("channel_not_found");
    expect(t.standIn.messages(CHANNEL)).toEqual([]);

    const next = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(paperIdsIn(await firstResponse(t.standIn, next.responseUrlId))).toHaveLength(5);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("an HTTP 500 from Slack during Discuss is reported, and a second Discuss then posts the thread", async () => {
    t.standIn.failNext("chat.postMessage", { kind: "http", status: 500 });
    const failed = await t.standIn.sendSlashCommand({ text: "discuss 2404.12754" });
    const text = visibleText(await firstResponse(t.standIn, failed.responseUrlId));
    expect(text).toContain("Slack did not accept a request from paperboy; try again shortly.");
    expect(t.standIn.messages(CHANNEL)).toEqual([]);

    // Nothing half-done is left behind: the retry starts the discussion.
    await t.standIn.sendSlashCommand({ text: "discuss 2404.12754" });
    const [posted] = await waitForMessages(t.standIn, CHANNEL);
    expect(visibleText(posted?.blocks)).toContain("Adaptive Regularization of Representation Rank");
    expect(t.standIn.rejected()).toEqual([]);
  });
});

describe.each(TRANSPORTS)("Slack rate limits over %s", (transport) => {
  let t: TestBot;
  beforeAll(async () => {
    // One retry: the SDK waits Retry-After, then sends the call again.
    t = await startTestBot({ transport, slackRetries: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a 429 on chat.postMessage is honoured: the post goes out after Retry-After", async () => {
    t.standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 1 });
    const started = Date.now();
    await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2111.01253" });
    const [posted] = await waitForMessages(t.standIn, CHANNEL, 1, 8_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(visibleText(posted?.blocks)).toContain("Neural Scene Flow Prior");
    const calls = await t.standIn.waitFor(() => {
      const made = t.standIn.calls("chat.postMessage");
      return made.length >= 2 ? made : undefined;
    });
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(t.standIn.rejected()).toEqual([]);
  });
});

describe.each(TRANSPORTS)("the per-user LLM budget over %s", (transport) => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ transport, llmActionsPerUserPerHour: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the second Summarize of an uncached paper says the limit is reached; another user is not affected", async () => {
    const first = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: "2111.01253" });
    expect(visibleText(await firstResponse(t.standIn, first.responseUrlId))).toContain("TL;DR");
    const second = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: "2404.12754" });
    expect(visibleText(await firstResponse(t.standIn, second.responseUrlId))).toContain(
      "You have used your summaries and discussions for this hour",
    );
    const other = await t.standIn.sendBlockAction({
      actionId: "paper_summarize",
      value: "2404.12754",
      user: "U0GRACE",
    });
    expect(visibleText(await firstResponse(t.standIn, other.responseUrlId))).toContain("TL;DR");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
