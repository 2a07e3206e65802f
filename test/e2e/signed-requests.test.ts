// End to end (HTTP): requests with a bad signature, a stale timestamp or none are refused with 401, changing nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SigningMode } from "../../src/playground/http-delivery.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { firstResponse, settle } from "../support/e2e-helpers.ts";

const BAD_SIGNING: SigningMode[] = ["bad-signature", "stale-timestamp", "unsigned"];

describe("signed requests over http", () => {
  let t: TestBot;
  let paperThread: string;
  beforeAll(async () => {
    t = await startTestBot({ transport: "http" });
    // A paper message to react to and a discussion thread to ask in, made with valid requests.
    await t.standIn.sendSlashCommand({ text: "discuss 2111.01253" });
    paperThread = await t.standIn.waitFor(() => t.standIn.messages("C0PAPERS")[0]?.ts);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await settle(50);
    t.standIn.reset();
  });

  /** Everything a request could have changed: Slack-side activity, and the bot's reading lists. */
  async function sideEffects() {
    return {
      responses: t.standIn.responses(),
      messages: t.standIn.messages("C0PAPERS"),
      ephemerals: t.standIn.ephemerals(),
      calls: t.standIn.calls(),
      rejected: t.standIn.rejected(),
      saved: await t.bot.services.readingList.list("U0ADA"),
    };
  }
  const nothing = { responses: [], messages: [], ephemerals: [], calls: [], rejected: [], saved: [] };

  it.each(BAD_SIGNING)("a slash command with %s gets 401 and no answer", async (signing) => {
    const result = await t.standIn.sendSlashCommand({ text: "regularization", signing });
    expect(result.status).toBe(401);
    await settle();
    expect(await sideEffects()).toEqual(nothing);
  });

  it.each(BAD_SIGNING)("a button click with %s gets 401 and saves nothing", async (signing) => {
    const result = await t.standIn.sendBlockAction({ actionId: "paper_save", value: "2404.12754", signing });
    expect(result.status).toBe(401);
    await settle();
    expect(await sideEffects()).toEqual(nothing);
  });

  it.each(BAD_SIGNING)(
    "events with %s get 401: no reaction saved, no answer in the thread",
    async (signing) => {
      const reaction = await t.standIn.sendEvent(
        {
          type: "reaction_added",
          user: "U0ADA",
          reaction: "bookmark",
          item_user: "UBOT",
          item: { type: "message", channel: "C0PAPERS", ts: paperThread },
        },
        { signing },
      );
      const mention = await t.standIn.sendEvent(
        {
          type: "app_mention",
          user: "U0ADA",
          text: "<@UBOT> what is the main limitation?",
          ts: "1700000001.000100",
          thread_ts: paperThread,
          channel: "C0PAPERS",
        },
        { signing },
      );
      expect([reaction.status, mention.status]).toEqual([401, 401]);
      await settle();
      expect(await sideEffects()).toEqual(nothing);
    },
  );

  it("the same requests signed properly do work (the setup above is not what refused them)", async () => {
    const result = await t.standIn.sendBlockAction({ actionId: "paper_save", value: "2404.12754" });
    expect(result.status).toBe(200);
    await firstResponse(t.standIn, result.responseUrlId);
    expect(await t.bot.services.readingList.list("U0ADA")).toEqual(["2404.12754"]);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
