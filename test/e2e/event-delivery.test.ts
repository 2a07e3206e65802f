// End to end: a retried event is handled once, and the bot's own messages never trigger it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createThreadStore, DEFAULT_THREAD_LIMITS } from "../../src/discussion/thread-store.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually, settle, TRANSPORTS, waitForMessages } from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("event delivery over %s", (transport) => {
  let t: TestBot;
  let root: string;
  beforeAll(async () => {
    t = await startTestBot({ transport });
    await t.standIn.sendSlashCommand({ text: "discuss 2111.01253" });
    const [posted] = await waitForMessages(t.standIn, CHANNEL);
    root = posted?.ts ?? "";
    await eventually(() => t.bot.services.discussions.paperForThread(CHANNEL, root));
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await settle(50);
  });

  const botReplies = () => t.standIn.thread(CHANNEL, root).filter((m) => m.user === "UBOT" && m.ts !== root);

  it("a retried app_mention (same event_id, retry 1) is answered once", async () => {
    const before = botReplies().length;
    const mention = {
      type: "app_mention",
      user: "U0ADA",
      text: "<@UBOT> is it fast?",
      ts: "1700000001.000100",
      thread_ts: root,
      channel: CHANNEL,
    };
    const first = await t.standIn.sendEvent(mention, { eventId: "EvRETRIED0001" });
    await t.standIn.waitFor(() => botReplies().length === before + 1, 5_000, "the answer");
    // Slack thought the ack was lost and retries, twice, with the same event_id.
    const retry = await t.standIn.sendEvent(mention, { eventId: "EvRETRIED0001", retryNum: 1 });
    const retry2 = await t.standIn.sendEvent(mention, {
      eventId: "EvRETRIED0001",
      retryNum: 2,
      retryReason: "http_error",
    });
    expect([first.status, retry.status, retry2.status]).toEqual([200, 200, 200]);
    await settle();
    expect(botReplies()).toHaveLength(before + 1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("ignores the bot's own messages: nothing is kept as thread context and nothing is answered", async () => {
    const before = botReplies().length;
    const own = {
      user: "UBOT",
      bot_id: t.standIn.workspace.botId,
      text: "<@UBOT> talking to myself",
      ts: "1700000002.000100",
      thread_ts: root,
      channel: CHANNEL,
    };
    await t.standIn.sendEvent({ type: "message", subtype: "bot_message", ...own });
    await t.standIn.sendEvent({ type: "message", ...own, ts: "1700000002.000200" });
    await t.standIn.sendEvent({ type: "app_mention", ...own, ts: "1700000002.000300" });
    await settle();
    const kept = await createThreadStore(t.bot.services.store, DEFAULT_THREAD_LIMITS).messages(CHANNEL, root);
    expect(kept.filter((m) => m.text.includes("talking to myself"))).toEqual([]);
    expect(botReplies()).toHaveLength(before);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
