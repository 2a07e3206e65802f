// The stand-in's Web API answers WebClient like Slack: storage, threads, metadata, tokens, failures, rate limits.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { quietLogger } from "./bolt-test-app.ts";

let standIn: SlackStandIn;
let clock = Date.parse("2025-03-03T09:00:00Z");

function client(options: Partial<webApi.WebClientOptions> = {}, token = standIn.botToken): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    timeout: 5_000,
    logger: quietLogger(),
    ...options,
  });
}

beforeAll(async () => {
  standIn = await startSlackStandIn({ now: () => clock });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.reset();
  standIn.setRateLimit(undefined);
  clock += 60_000;
});

describe("Web API", () => {
  it("answers auth.test with the bot's identity, and refuses wrong or wrong-kind tokens", async () => {
    await expect(client().auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: "UBOT",
      team_id: "T0PAPERS",
    });
    await expect(client({}, "xoxb-wrong").auth.test()).rejects.toMatchObject({
      data: { error: "invalid_auth" },
    });
    await expect(
      client({}, standIn.appToken).chat.postMessage({ channel: "C0PAPERS", text: "hi" }),
    ).rejects.toMatchObject({ data: { error: "not_allowed_token_type" } });
  });

  it("stores posted messages with blocks and returns metadata from history only when asked", async () => {
    const web = client();
    const metadata = {
      event_type: "paperboy_digest",
      event_payload: { date: "2025-03-03", ids: "2302.06675" },
    };
    const posted = await web.chat.postMessage({
      channel: "C0PAPERS",
      text: "Digest",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Digest*" } }],
      metadata,
    });
    await web.chat.postMessage({ channel: "#papers", text: "Second" });

    expect(posted).toMatchObject({
      ok: true,
      channel: "C0PAPERS",
      message: { text: "Digest", bot_id: "B0PAPERBOY" },
    });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    const plain = await web.conversations.history({ channel: "C0PAPERS" });
    expect(plain.messages?.map((message) => message.text)).toEqual(["Second", "Digest"]);
    expect(plain.messages?.[1]).not.toHaveProperty("metadata");
    const withMetadata = await web.conversations.history({
      channel: "C0PAPERS",
      include_all_metadata: true,
      limit: 1,
    });
    expect(withMetadata.messages?.[0]?.text).toBe("Second");
    expect(withMetadata.has_more).toBe(true);
    const next = await web.conversations.history({
      channel: "C0PAPERS",
      include_all_metadata: true,
      cursor: withMetadata.response_metadata?.next_cursor ?? "",
    });
    expect(next.messages?.[0]?.metadata).toEqual(metadata);
    expect(standIn.messages("C0PAPERS")[0]?.blocks).toHaveLength(1);
  });

  it("pages history back from the newest within oldest, by cursor, unshaken by posts and deletes between pages", async () => {
    const web = client();
    const before = await web.chat.postMessage({ channel: "C0PAPERS", text: "before" });
    const texts = ["m1", "m2", "m3", "m4", "m5"];
    const posted = [];
    for (const text of texts) posted.push(await web.chat.postMessage({ channel: "C0PAPERS", text }));
    const oldest = before.ts ?? "";

    const first = await web.conversations.history({ channel: "C0PAPERS", oldest, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(["m5", "m4"]);
    expect(first.has_more).toBe(true);
    // Between pages: two messages are posted, and one on the first page is deleted.
    for (const text of ["m6", "m7"]) await web.chat.postMessage({ channel: "C0PAPERS", text });
    await web.chat.delete({ channel: "C0PAPERS", ts: posted[4]?.ts ?? "" });
    const cursor = first.response_metadata?.next_cursor ?? "";
    const second = await web.conversations.history({ channel: "C0PAPERS", oldest, limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(["m3", "m2"]);
    const last = await web.conversations.history({
      channel: "C0PAPERS",
      oldest,
      limit: 2,
      cursor: second.response_metadata?.next_cursor ?? "",
    });
    // `oldest` is exclusive: "before" itself is not listed, and the listing ends with an empty cursor.
    expect(last.messages?.map((m) => m.text)).toEqual(["m1"]);
    expect(last).toMatchObject({ has_more: false, response_metadata: { next_cursor: "" } });
  });

  it("keeps threads: replies, reply counts, conversations.replies and permalinks", async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: "C0PAPERS", text: "Paper" });
    const reply = await web.chat.postMessage({
      channel: "C0PAPERS",
      text: "Reply",
      thread_ts: parent.ts ?? "",
    });

    const thread = await web.conversations.replies({ channel: "C0PAPERS", ts: parent.ts ?? "" });
    expect(thread.messages?.map((message) => message.text)).toEqual(["Paper", "Reply"]);
    expect(thread.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: parent.ts });
    expect(standIn.messages("C0PAPERS")).toHaveLength(1);
    const link = await web.chat.getPermalink({ channel: "C0PAPERS", message_ts: reply.ts ?? "" });
    expect(link.permalink).toBe(
      `${standIn.url}/archives/C0PAPERS/p${reply.ts?.replace(".", "")}?thread_ts=${parent.ts}&cid=C0PAPERS`,
    );
    await expect(web.conversations.replies({ channel: "C0PAPERS", ts: "1.000000" })).rejects.toMatchObject({
      data: { error: "thread_not_found" },
    });
  });

  it("updates (keeping blocks when omitted) and deletes the bot's messages", async () => {
    const web = client();
    const blocks = [{ type: "divider" as const }];
    const posted = await web.chat.postMessage({ channel: "C0PAPERS", text: "v1", blocks });
    await web.chat.update({ channel: "C0PAPERS", ts: posted.ts ?? "", text: "v2" });

    expect(standIn.messages("C0PAPERS")[0]).toMatchObject({ text: "v2", blocks, edited: { user: "UBOT" } });
    await web.chat.delete({ channel: "C0PAPERS", ts: posted.ts ?? "" });
    expect(standIn.messages("C0PAPERS")).toEqual([]);
  });

  it("keeps ephemerals, unfurls, home views and reactions", async () => {
    const web = client();
    await web.chat.postEphemeral({ channel: "C0PAPERS", user: "U0ALAN", text: "only you" });
    const posted = await web.chat.postMessage({
      channel: "C0PAPERS",
      text: "https://arxiv.org/abs/2302.06675",
    });
    await web.chat.unfurl({
      channel: "C0PAPERS",
      ts: posted.ts ?? "",
      unfurls: { "https://arxiv.org/abs/2302.06675": { blocks: [{ type: "divider" }] } },
    });
    await web.views.publish({ user_id: "U0ALAN", view: { type: "home", blocks: [{ type: "divider" }] } });
    await web.reactions.add({ channel: "C0PAPERS", timestamp: posted.ts ?? "", name: "bookmark" });

    expect(standIn.ephemerals("C0PAPERS", "U0ALAN").map((message) => message.text)).toEqual(["only you"]);
    expect(Object.keys(standIn.unfurls()[0]?.unfurls ?? {})).toEqual(["https://arxiv.org/abs/2302.06675"]);
    expect(standIn.homeView("U0ALAN")?.view).toMatchObject({ type: "home" });
    expect(standIn.messages("C0PAPERS")[0]?.reactions).toEqual([
      { name: "bookmark", users: ["UBOT"], count: 1 },
    ]);
    await expect(
      web.reactions.add({ channel: "C0PAPERS", timestamp: posted.ts ?? "", name: "bookmark" }),
    ).rejects.toMatchObject({ data: { error: "already_reacted" } });
  });

  it("answers users.info, conversations.info and conversations.join like Slack", async () => {
    const web = client();
    await expect(web.users.info({ user: "U0ADA" })).resolves.toMatchObject({
      user: { id: "U0ADA", real_name: "Ada Lovelace" },
    });
    await expect(web.conversations.info({ channel: "C0RANDOM" })).resolves.toMatchObject({
      channel: { name: "random", is_member: false },
    });
    await expect(web.conversations.join({ channel: "C0RANDOM" })).resolves.toMatchObject({
      channel: { is_member: true },
    });
    await expect(web.conversations.join({ channel: "C0SECRET" })).rejects.toMatchObject({
      data: { error: "method_not_supported_for_channel_type" },
    });
    await expect(web.chat.postMessage({ channel: "C0SECRET", text: "hi" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    await expect(web.apiCall("chat.frobnicate")).rejects.toMatchObject({ data: { error: "unknown_method" } });
  });

  it("validates views.publish against the 100-block Home limit and unfurls against unsafe text", async () => {
    const web = client();
    const blocks = Array.from({ length: 101 }, () => ({ type: "divider" as const }));
    await expect(
      web.views.publish({ user_id: "U0ADA", view: { type: "home", blocks } }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
    await expect(
      web.chat.unfurl({
        channel: "C0PAPERS",
        ts: "1.000001",
        unfurls: {
          "https://arxiv.org/abs/1": {
            blocks: [{ type: "section", text: { type: "mrkdwn", text: "<!here>" } }],
          },
        },
      }),
    ).rejects.toMatchObject({ data: { error: "unsafe_text" } });
    expect(standIn.rejected().map((rejection) => rejection.method)).toEqual(["views.publish", "chat.unfurl"]);
  });

  it("answers invalid_blocks_format when blocks are not JSON, and records it", async () => {
    const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Bearer ${standIn.botToken}`,
      },
      body: new URLSearchParams({ channel: "C0PAPERS", text: "t", blocks: "[{" }).toString(),
    });
    await expect(response.json()).resolves.toMatchObject({ ok: false, error: "invalid_blocks_format" });
    expect(standIn.rejected()[0]).toMatchObject({
      method: "chat.postMessage",
      error: "invalid_blocks_format",
    });
  });

  it("accepts JSON bodies with a Bearer token, as Slack does", async () => {
    const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        authorization: `Bearer ${standIn.botToken}`,
      },
      body: JSON.stringify({ channel: "C0PAPERS", text: "json", blocks: [{ type: "divider" }] }),
    });
    await expect(response.json()).resolves.toMatchObject({ ok: true, channel: "C0PAPERS" });
    expect(standIn.messages("C0PAPERS")[0]?.blocks).toEqual([{ type: "divider" }]);
  });
});

describe("failure injection", () => {
  it("fails the next calls as scripted: HTTP 500, a platform error, then normal answers", async () => {
    const web = client();
    standIn.failNext("chat.postMessage", { kind: "http", status: 500 });
    standIn.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });

    await expect(web.chat.postMessage({ channel: "C0PAPERS", text: "1" })).rejects.toMatchObject({
      code: "slack_webapi_http_error",
      statusCode: 500,
    });
    await expect(web.chat.postMessage({ channel: "C0PAPERS", text: "2" })).rejects.toMatchObject({
      code: "slack_webapi_platform_error",
      data: { error: "channel_not_found" },
    });
    await expect(web.chat.postMessage({ channel: "C0PAPERS", text: "3" })).resolves.toMatchObject({
      ok: true,
    });
    expect(standIn.calls("chat.postMessage").map((call) => call.status)).toEqual([500, 200, 200]);
  });

  it("delays an answer past the client's timeout", async () => {
    standIn.failNext("users.info", { kind: "delay", ms: 300 });
    await expect(client({ timeout: 100 }).users.info({ user: "U0ADA" })).rejects.toMatchObject({
      code: "slack_webapi_request_error",
    });
  });

  it("holds an answer while the message is already posted, until released", async () => {
    const release = standIn.holdNextAnswer("chat.postMessage");
    let answered = false;
    const posting = client()
      .chat.postMessage({ channel: "C0PAPERS", text: "visible before the ts comes back" })
      .then((answer) => {
        answered = true;
        return answer;
      });
    const [posted] = await standIn.waitFor(() => {
      const messages = standIn.messages("C0PAPERS");
      return messages.length > 0 ? messages : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    await expect(posting).resolves.toMatchObject({ ok: true, ts: posted?.ts });
  });

  it("limits chat.postMessage to about one message per second per channel, with Retry-After, and counts 429s", async () => {
    standIn.setRateLimit({ perSecond: 1 });
    const web = client({ rejectRateLimitedCalls: true });

    await web.chat.postMessage({ channel: "C0PAPERS", text: "first" });
    await web.chat.postMessage({ channel: "C0GENERAL", text: "other channel" });
    const limited = await web.chat
      .postMessage({ channel: "C0PAPERS", text: "too soon" })
      .catch((e: unknown) => e);

    expect(limited).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 1 });
    expect(standIn.stats().rateLimited).toBe(1);
    clock += 1_000;
    await expect(web.chat.postMessage({ channel: "C0PAPERS", text: "later" })).resolves.toMatchObject({
      ok: true,
    });
    expect(standIn.messages("C0PAPERS").map((message) => message.text)).toEqual(["first", "later"]);
  });
});

describe("response URLs", () => {
  const responseUrl = () => standIn.issueResponseUrl({ channel: "C0PAPERS", user: "U0ADA" });
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("accepts five uses, then answers used_url", async () => {
    const { url, id } = responseUrl();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await post(url, { text: `answer ${i}` })).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(standIn.responses(id).at(-1)).toMatchObject({ accepted: false, error: "used_url" });
  });

  it("expires after 30 minutes", async () => {
    const { url } = responseUrl();
    clock += 31 * 60_000;
    const response = await post(url, { text: "late" });
    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toMatchObject({ error: "expired_url" });
  });

  it("posts in_channel answers as bot messages, replaces and deletes the previous ephemeral", async () => {
    const { url } = responseUrl();
    await post(url, { text: "first" });
    await post(url, { replace_original: true, text: "replaced" });
    expect(standIn.ephemerals().map((message) => message.text)).toEqual(["replaced"]);
    await post(url, { delete_original: true });
    expect(standIn.ephemerals()).toEqual([]);
    await post(url, { response_type: "in_channel", text: "for everyone" });
    expect(standIn.messages("C0PAPERS")[0]).toMatchObject({ text: "for everyone", user: "UBOT" });
  });

  it("rejects bodies that are not JSON or break the limits", async () => {
    const { url } = responseUrl();
    const notJson = await fetch(url, { method: "POST", body: "text=hi" });
    expect(notJson.status).toBe(400);
    const tooLong = await post(url, {
      text: "x",
      blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
    });
    expect(tooLong.status).toBe(400);
    await expect(tooLong.json()).resolves.toMatchObject({
      error: "invalid_blocks",
      errors: ["must be less than 151 characters [json-pointer:/blocks/0/text/text]"],
    });
  });
});
