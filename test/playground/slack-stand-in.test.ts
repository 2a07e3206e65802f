// The stand-in behaves like Slack toward the real Bolt app, over HTTP and over Socket Mode.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { startTestApp, type TestApp } from "./bolt-test-app.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Slack stand-in with Bolt in HTTP mode", () => {
  let standIn: SlackStandIn;
  let testApp: TestApp;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    testApp = await startTestApp(standIn, "http");
  });
  afterAll(async () => {
    await testApp.stop();
    await standIn.close();
  });
  afterEach(() => {
    standIn.reset();
    testApp.seen.commands.length = 0;
    testApp.seen.mentions.length = 0;
    testApp.seen.actions.length = 0;
    testApp.seen.errors.length = 0;
  });

  it("acks a signed /papers command within Slack's 3 s and receives the answer on its response_url", async () => {
    const result = await standIn.sendSlashCommand({ text: "diffusion & <models>", user: "U0GRACE" });

    expect(result.transport).toBe("http");
    expect(result.status).toBe(200);
    expect(result.ackMs).toBeLessThan(3_000);
    const [response] = await standIn.waitFor(() => {
      const found = standIn.responses(result.responseUrlId);
      return found.length > 0 && found;
    });
    expect(response).toMatchObject({ status: 200, accepted: true });
    expect(testApp.seen.commands).toEqual(["diffusion & <models>"]);
    const [ephemeral] = standIn.ephemerals("C0PAPERS", "U0GRACE");
    expect(ephemeral?.text).toBe("Results for diffusion &amp; &lt;models&gt;");
    expect(ephemeral?.via).toBe("response_url");
    expect(standIn.rejected()).toEqual([]);
  });

  it.each([
    ["bad-signature", "a wrong signature"],
    ["stale-timestamp", "a timestamp six minutes old"],
    ["unsigned", "no signature headers"],
  ] as const)("answers %s (%s) with 401 and runs nothing", async (signing, _why) => {
    const result = await standIn.sendSlashCommand({ text: "diffusion", signing });

    expect(result.status).toBe(401);
    await sleep(100);
    expect(testApp.seen.commands).toEqual([]);
    expect(standIn.responses()).toEqual([]);
    expect(standIn.calls().filter((call) => call.method !== "auth.test")).toEqual([]);
  });

  it("delivers an app_mention in a thread, and marks a retried delivery with X-Slack-Retry-Num", async () => {
    const parent = await standIn.sendUserMessage({ channel: "C0PAPERS", text: "a paper thread" });
    const { message, deliveries } = await standIn.sendUserMessage({
      channel: "C0PAPERS",
      text: "<@UBOT> what is the main limitation?",
      threadTs: parent.message.ts,
    });
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);

    const replies = await standIn.waitFor(() => {
      const thread = standIn.thread("C0PAPERS", parent.message.ts);
      return thread.length === 3 && thread;
    });
    expect(replies[2]).toMatchObject({ user: "UBOT", text: "Hi <@U0ADA>", thread_ts: parent.message.ts });

    const mention = deliveries[1];
    const retried = await standIn.sendEvent(
      {
        type: "app_mention",
        user: "U0ADA",
        text: message.text,
        ts: message.ts,
        channel: "C0PAPERS",
        thread_ts: parent.message.ts,
      },
      { eventId: mention?.eventId ?? "", retryNum: 1, retryReason: "http_timeout" },
    );
    expect(retried.status).toBe(200);
    await standIn.waitFor(() => testApp.seen.mentions.length === 2);
    expect(testApp.seen.mentions.map((seen) => seen.retryNum)).toEqual([undefined, 1]);
  });

  it("routes a button click to the action listener, whose respond() replaces the clicked ephemeral", async () => {
    const command = await standIn.sendSlashCommand({ text: "regularization" });
    await standIn.waitFor(() => standIn.responses(command.responseUrlId).length === 1);

    const click = await standIn.sendBlockAction({ actionId: "paper_discuss" });

    expect(click.status).toBe(200);
    const posted = await standIn.waitFor(() => standIn.messages("C0PAPERS")[0]);
    expect(posted).toMatchObject({ text: "Discussing 2302.06675", bot_id: "B0PAPERBOY" });
    expect(posted.metadata).toEqual({
      event_type: "paperboy_discussion",
      event_payload: { paper_id: "2302.06675" },
    });
    await standIn.waitFor(() => standIn.responses(click.responseUrlId).length === 1);
    expect(standIn.ephemerals("C0PAPERS").map((message) => message.text)).toEqual(["Posted for discussion."]);
    expect(testApp.seen.actions).toEqual(["2302.06675"]);
  });

  // With retries: 0 the SDK still sleeps Retry-After seconds, then throws a WebAPIRequestError (not a
  // WebAPIRateLimitedError: that needs rejectRateLimitedCalls: true).
  it("shows an injected 429 to the SDK as a rate-limit error and counts it", async () => {
    standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 1 });

    await standIn.sendUserMessage({ text: "<@UBOT> hello" });

    const [error] = await standIn.waitFor(() => testApp.seen.errors.length > 0 && testApp.seen.errors, 5_000);
    expect(error).toMatchObject({
      code: "slack_webapi_request_error",
      message: expect.stringMatching(/rate limit/),
    });
    expect(standIn.stats().rateLimited).toBe(1);
    expect(standIn.calls("chat.postMessage").map((call) => call.status)).toEqual([429]);
  });

  it("rejects and records a response_url body with <!channel>", async () => {
    const command = await standIn.sendSlashCommand({ text: "unsafe" });

    const [rejection] = await standIn.waitFor(() => standIn.rejected().length > 0 && standIn.rejected());
    expect(rejection).toMatchObject({
      method: "response_url",
      error: "unsafe_text",
      responseUrlId: command.responseUrlId,
    });
    expect(rejection?.errors[0]).toMatch(/broadcast mention <!channel>.*\[json-pointer:\/text\]/);
    await standIn.waitFor(() => testApp.seen.errors.length === 1);
    expect(standIn.ephemerals()).toEqual([]);
  });

  it("rejects and records a chat.postMessage over the 50-block limit, as invalid_blocks", async () => {
    await standIn.sendSlashCommand({ text: "huge" });

    const [error] = await standIn.waitFor(() => testApp.seen.errors.length > 0 && testApp.seen.errors);
    expect(error).toMatchObject({ code: "slack_webapi_platform_error", data: { error: "invalid_blocks" } });
    expect(standIn.rejected()[0]?.errors).toEqual([
      "must provide no more than 50 items [json-pointer:/blocks]",
    ]);
    expect(standIn.messages("C0PAPERS")).toEqual([]);
  });
});

describe("Slack stand-in with Bolt in Socket Mode", () => {
  let standIn: SlackStandIn;
  let testApp: TestApp;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    testApp = await startTestApp(standIn, "socket");
  });
  afterAll(async () => {
    await testApp.stop();
    await standIn.close();
  });

  it("connects through apps.connections.open with the app token and gets hello", () => {
    expect(standIn.socketConnections).toBe(1);
    const [open] = standIn.calls("apps.connections.open");
    expect(open).toMatchObject({
      token: standIn.appToken,
      status: 200,
      response: { ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/) },
    });
  });

  it("delivers a slash_commands envelope, gets the ack and the response_url answer", async () => {
    const result = await standIn.sendSlashCommand({ text: "transformers" });

    expect(result).toMatchObject({ transport: "socket", status: 200, timedOut: false, json: {} });
    await standIn.waitFor(() => standIn.responses(result.responseUrlId).length === 1);
    expect(standIn.ephemerals()[0]?.text).toBe("Results for transformers");
  });

  it("delivers events_api envelopes with retry_attempt surfaced as context.retryNum", async () => {
    const first = await standIn.sendUserMessage({ text: "<@UBOT> hi there" });
    const mention = first.deliveries[1];
    await standIn.sendEvent(
      {
        type: "app_mention",
        user: "U0ADA",
        text: "<@UBOT> hi there",
        ts: first.message.ts,
        channel: "C0PAPERS",
      },
      { eventId: mention?.eventId ?? "", retryNum: 2 },
    );

    expect(
      first.deliveries.every((delivery) => delivery.transport === "socket" && delivery.status === 200),
    ).toBe(true);
    await standIn.waitFor(() => testApp.seen.mentions.length === 2);
    expect(testApp.seen.mentions.map((seen) => seen.retryNum)).toEqual([0, 2]);
    await standIn.waitFor(() => standIn.thread("C0PAPERS", first.message.ts).length === 3);
  });

  it("delivers an interactive envelope for a button click and acks it", async () => {
    standIn.reset();
    const command = await standIn.sendSlashCommand({ text: "vision" });
    await standIn.waitFor(() => standIn.responses(command.responseUrlId).length === 1);

    const click = await standIn.sendBlockAction({ actionId: "paper_discuss", value: "2302.06675" });

    expect(click).toMatchObject({ transport: "socket", status: 200 });
    await standIn.waitFor(() => standIn.messages("C0PAPERS").length === 1);
    expect(standIn.rejected()).toEqual([]);
  });

  it("refuses HTTP signing options in Socket Mode", async () => {
    await expect(standIn.sendSlashCommand({ text: "x", signing: "bad-signature" })).rejects.toThrow(
      /HTTP mode only/,
    );
  });
});
