// Deleting a paper thread's root (plainly, or as a tombstone when it has replies) forgets the thread.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.ts";
import { threadMessageListener } from "../../../src/slack/events/thread-events.ts";
import type { SlackFeatures } from "../../../src/slack/slack-features.ts";
import { PAPER, ROOT, setup, threadMessage } from "../../discussion/discussion-fixtures.ts";

async function discussedWithReply() {
  const { discussions } = await setup();
  const started = await discussions.startDiscussion({ team: "T1", channel: "C1", paper: PAPER });
  if (!("start" in started)) throw new Error("expected a new thread");
  await started.commit(ROOT);
  await discussions.recordThreadMessage(threadMessage(1));
  const listener = threadMessageListener({ discussions, logger: silentLogger() } as unknown as SlackFeatures);
  const send = (message: Record<string, unknown>) => listener({ message } as never);
  const here = async () =>
    (await discussions.discussedHere({ team: "T1", channel: "C1", paperIds: [PAPER.id] })).get(PAPER.id);
  return { send, here };
}

describe("deleted paper threads", () => {
  it("a root turned into a tombstone (it had replies) is forgotten", async () => {
    const { send, here } = await discussedWithReply();
    expect((await here())?.replies).toBe(1);
    await send({
      type: "message",
      subtype: "message_changed",
      channel: "C1",
      hidden: true,
      ts: "1700000099.000001",
      message: { type: "message", subtype: "tombstone", ts: ROOT, text: "This message was deleted." },
    });
    expect(await here()).toBeUndefined();
  });

  it("an edit of a reply changes nothing", async () => {
    const { send, here } = await discussedWithReply();
    await send({
      type: "message",
      subtype: "message_changed",
      channel: "C1",
      hidden: true,
      ts: "1700000099.000002",
      message: { type: "message", ts: threadMessage(1).ts, thread_ts: ROOT, text: "edited" },
    });
    expect((await here())?.replies).toBe(1);
  });
});
