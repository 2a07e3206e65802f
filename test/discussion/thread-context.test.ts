// Thread context is kept from the message events the app receives (no conversations.replies polling), bounded.
import { describe, expect, it } from "vitest";
import { createStateStore } from "../../src/state/state-store.ts";
import { PAPER, ROOT, setup, threadMessage } from "./discussion-fixtures.ts";

async function withThread(overrides: Parameters<typeof setup>[0] = {}) {
  const context = await setup(overrides);
  const started = await context.discussions.startDiscussion({ team: "T1", channel: "C1", paper: PAPER });
  if (!("start" in started)) throw new Error("expected a new thread");
  await started.commit(ROOT);
  return context;
}

const message = threadMessage;

describe("recordThreadMessage", () => {
  it("ignores threads that are not paper threads and keeps no context for them", async () => {
    const { discussions, store } = await withThread();
    // C1 just had a discussion posted, so a reply to another thread there is only held for a while (see early-replies).
    expect(await discussions.recordThreadMessage({ ...message(1), threadTs: "1699999999.000001" })).toBe(
      "held",
    );
    expect(await discussions.recordThreadMessage({ ...message(1), channel: "C2" })).toBe("ignored");
    expect(await store.get("discussion:context:C1:1699999999.000001")).toBeUndefined();
    expect(await store.get(`discussion:context:C2:${ROOT}`)).toBeUndefined();
  });

  it("keeps the thread's messages in order, once each, without the root and without empty ones", async () => {
    const { discussions, store } = await withThread();
    expect(await discussions.recordThreadMessage(message(2))).toBe("kept");
    await discussions.recordThreadMessage(message(1));
    await discussions.recordThreadMessage(message(2, "message number 2, edited"));
    await discussions.recordThreadMessage({ ...message(3), ts: ROOT });
    await discussions.recordThreadMessage(message(4, "   "));
    const kept = await store.get<Array<{ ts: string; text: string }>>(`discussion:context:C1:${ROOT}`);
    expect(kept?.map((m) => m.text)).toEqual(["message number 1", "message number 2, edited"]);
  });

  it("keeps at most the last 30 messages and 6,000 characters", async () => {
    const { discussions, store } = await withThread();
    for (let n = 1; n <= 45; n++) await discussions.recordThreadMessage(message(n));
    let kept = await store.get<Array<{ text: string }>>(`discussion:context:C1:${ROOT}`);
    expect(kept).toHaveLength(30);
    expect(kept?.[0]?.text).toBe("message number 16");

    for (let n = 50; n < 60; n++)
      await discussions.recordThreadMessage(message(n, `${n} ${"x".repeat(3_000)}`));
    kept = await store.get<Array<{ text: string }>>(`discussion:context:C1:${ROOT}`);
    const chars = kept?.reduce((sum, m) => sum + m.text.length, 0) ?? 0;
    expect(chars).toBeLessThanOrEqual(6_000);
    expect(kept?.at(-1)?.text.startsWith("59 ")).toBe(true);
  });

  it("loses no message when several arrive at once", async () => {
    const { discussions, store } = await withThread();
    await Promise.all(Array.from({ length: 20 }, (_, i) => discussions.recordThreadMessage(message(i + 1))));
    expect(await store.get<unknown[]>(`discussion:context:C1:${ROOT}`)).toHaveLength(20);
  });

  it("is shared by instances on the same store, so any instance can answer in the thread", async () => {
    const shared = `memory://threads-${Date.now()}`;
    const a = await withThread({ store: await createStateStore({ url: shared }) });
    const b = await setup({ store: await createStateStore({ url: shared }) });
    expect(await b.discussions.recordThreadMessage(message(1))).toBe("kept");
    expect((await a.discussions.paperForThread("C1", ROOT))?.id).toBe(PAPER.id);
  });

  it("forgets a thread whose root message was deleted, so the next Discuss starts a new one", async () => {
    const { discussions } = await withThread();
    await discussions.recordThreadMessage(message(1));
    expect(await discussions.forgetThread({ channel: "C1", ts: ROOT })).toBe(true);
    expect(await discussions.forgetThread({ channel: "C1", ts: ROOT })).toBe(false);
    expect(await discussions.recordThreadMessage(message(2))).not.toBe("kept");
    expect(await discussions.paperForThread("C1", ROOT)).toBeUndefined();
    expect("start" in (await discussions.startDiscussion({ team: "T1", channel: "C1", paper: PAPER }))).toBe(
      true,
    );
  });
});
