// The Slack poster against the stand-in over real HTTP with the real WebClient: pacing, 429s, 5xx and refusals.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.ts";
import { type SlackStandIn, startSlackStandIn } from "../../../src/playground/slack-stand-in.ts";
import type { DigestMessage } from "../../../src/slack/digest/render-digest-message.ts";
import {
  createDigestWebClient,
  createSlackPoster,
  SlackDeliveryError,
} from "../../../src/slack/digest/slack-poster.ts";

const message = (date: string): DigestMessage => ({
  text: `Papers for ${date}`,
  blocks: [{ type: "section", text: { type: "mrkdwn", text: `Papers for ${date}` } }],
  metadata: { event_type: "paperboy_digest", event_payload: { date, paper_ids: ["2603.00001"] } },
});

let standIn: SlackStandIn;
beforeAll(async () => {
  standIn = await startSlackStandIn();
});
afterAll(async () => {
  await standIn.close();
});
afterEach(() => {
  standIn.setRateLimit(undefined);
  standIn.reset();
});

const poster = (options: Partial<Parameters<typeof createSlackPoster>[0]> = {}) =>
  createSlackPoster({
    client: createDigestWebClient({ token: standIn.botToken, slackApiUrl: standIn.apiUrl, timeoutMs: 2_000 }),
    logger: silentLogger(),
    backoffMs: 20,
    ...options,
  });

describe("the Slack poster", () => {
  it("paces posts to one channel at one per second, so Slack's per-channel limit never answers 429", async () => {
    standIn.setRateLimit({ perSecond: 1 });
    const slack = poster();
    const started = Date.now();
    await Promise.all([
      slack.postMessage("C0PAPERS", message("a")),
      slack.postMessage("C0PAPERS", message("b")),
      slack.postMessage("C0GENERAL", message("c")),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(standIn.stats().rateLimited).toBe(0);
    expect(standIn.messages("C0PAPERS")).toHaveLength(2);
  });

  it("waits out Retry-After for the limited channel only", async () => {
    standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 2 });
    const slack = poster();
    const started = Date.now();
    const limited = slack.postMessage("C0PAPERS", message("a")).then(() => Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = await slack.postMessage("C0GENERAL", message("b")).then(() => Date.now() - started);
    expect(other).toBeLessThan(1_000);
    expect(await limited).toBeGreaterThanOrEqual(2_000);
    expect(slack.stats()).toMatchObject({ rateLimited: 1, posted: 2 });
  });

  it("retries 5xx answers with backoff and then succeeds", async () => {
    standIn.failNext("chat.postMessage", { kind: "http", status: 503 }, 2);
    const slack = poster({ perChannelIntervalMs: 100 });
    const { ts } = await slack.postMessage("C0PAPERS", message("a"));
    expect(standIn.messages("C0PAPERS")[0]?.ts).toBe(ts);
    expect(slack.stats().serverErrors).toBe(2);
  });

  it("gives up after repeated 5xx, saying the message may have been stored (the ledger then checks history)", async () => {
    standIn.failNext("chat.postMessage", { kind: "http", status: 500 }, 4);
    const error = await poster({ perChannelIntervalMs: 100 })
      .postMessage("C0PAPERS", message("a"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error).toMatchObject({ code: "slack_api", notPosted: false });
  });

  it("reports a refusal as certainly not posted, without retrying", async () => {
    const error = await poster()
      .postMessage("C0SECRET", message("a"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ notPosted: true, message: expect.stringContaining("not_in_channel") });
    expect(standIn.calls("chat.postMessage")).toHaveLength(1);
  });

  it("reads history with metadata a page per call, newest first, handing back the cursor of older pages", async () => {
    const slack = poster({ historyLimit: 2 });
    await slack.postMessage("C0PAPERS", message("2026-03-30"));
    const web = createDigestWebClient({ token: standIn.botToken, slackApiUrl: standIn.apiUrl });
    for (const text of ["later 1", "later 2"]) await web.chat.postMessage({ channel: "C0PAPERS", text });

    const first = await slack.history("C0PAPERS", "0");
    expect(first.messages.map((m) => m.text)).toEqual(["later 2", "later 1"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await slack.history("C0PAPERS", "0", first.nextCursor);
    expect(second.messages[0]?.metadata).toEqual({
      event_type: "paperboy_digest",
      event_payload: { date: "2026-03-30", paper_ids: ["2603.00001"] },
    });
    expect(second.nextCursor).toBeUndefined();
    expect(standIn.calls("conversations.history").map((call) => call.params)).toEqual([
      expect.objectContaining({ oldest: "0", limit: "2", include_all_metadata: "true" }),
      expect.objectContaining({ oldest: "0", limit: "2", cursor: first.nextCursor }),
    ]);
  });
});
