// Replies and questions that reach paperboy before it has recorded the new thread (chat.postMessage not answered yet).
import { describe, expect, it } from "vitest";
import { createThreadStore } from "../../src/discussion/thread-store.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import type { ChatMessage, LlmClient } from "../../src/summaries/llm-client.ts";
import { PAPER, ROOT, setup, threadMessage } from "./discussion-fixtures.ts";

const where = { team: "T1", channel: "C1", paper: PAPER };
const reply = (n: number, text = `early reply ${n}`) => threadMessage(n, text);

/** Starts a discussion and returns its commit, as the Discuss flow holds it while chat.postMessage is under way. */
async function posting(discussions: Awaited<ReturnType<typeof setup>>["discussions"]) {
  const started = await discussions.startDiscussion(where);
  if (!("start" in started)) throw new Error("expected a new thread");
  return started;
}

/** The texts kept as the thread's context, oldest first. */
async function contextOf(store: StateStore): Promise<string[]> {
  return (await createThreadStore(store).messages("C1", ROOT)).map((m) => m.text);
}

/** An LLM that records the prompts it gets and answers every question the same way. */
function recordingLlm(): LlmClient & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    async complete(messages: ChatMessage[]) {
      prompts.push(messages.map((m) => m.content).join("\n"));
      return {
        text: "It only targets the largest singular values.",
        usage: { promptTokens: 1, completionTokens: 1 },
      };
    },
  };
}

/** Wraps a store so the first read of `key` waits for `gate` before answering (to force one interleaving). */
function pauseFirstRead(store: StateStore, key: string, gate: Promise<unknown>): StateStore {
  let paused = false;
  return {
    backend: store.backend,
    async get<T>(k: string) {
      const value = await store.get<T>(k);
      if (k === key && !paused) {
        paused = true;
        await gate;
      }
      return value;
    },
    set: (k, v, ttl) => store.set(k, v, ttl),
    delete: (k) => store.delete(k),
    claim: (k, ttl) => store.claim(k, ttl),
    release: (k) => store.release(k),
    close: () => store.close(),
  };
}

describe("replies that arrive before the thread is recorded", () => {
  it("holds a reply sent while the discussion is being posted and keeps it once the thread is recorded", async () => {
    const { discussions, store } = await setup();
    const started = await posting(discussions);
    expect(await discussions.recordThreadMessage(reply(2))).toBe("held");
    expect(await discussions.recordThreadMessage(reply(1))).toBe("held");
    await started.commit(ROOT);
    expect(await discussions.recordThreadMessage(reply(3))).toBe("kept");
    expect(await contextOf(store)).toEqual(["early reply 1", "early reply 2", "early reply 3"]);
    expect(await store.get(`discussion:held:C1:${ROOT}`)).toBeUndefined();
  });

  it("answers a question asked in that window once the thread is recorded, with the early replies as context", async () => {
    const llm = recordingLlm();
    const { discussions } = await setup({ llm });
    const started = await posting(discussions);
    await discussions.recordThreadMessage(reply(1, "Does it help on text models too?"));
    const waiting = discussions.awaitPaperForThread("C1", ROOT);
    setTimeout(() => void started.commit(ROOT), 150);
    expect((await waiting)?.id).toBe(PAPER.id);

    const answer = await discussions.answerQuestion({
      channel: "C1",
      threadTs: ROOT,
      question: "<@UBOT> what is the main limitation?",
      user: "U2",
    });
    expect(answer?.basedOn).toContain("1 earlier message in this thread");
    expect(llm.prompts.at(-1)).toContain("U1: Does it help on text models too?");
  });

  it("keeps a reply held on another instance just after the commit folded the held replies", async () => {
    const name = `memory://early-${Date.now()}`;
    const poster = await setup({ store: await createStateStore({ url: name }) });
    const started = await posting(poster.discussions);
    // The other instance looks the thread up before the commit, then holds the reply only after the commit's fold.
    let committed = () => {};
    const gate = new Promise<void>((resolve) => {
      committed = resolve;
    });
    const store = pauseFirstRead(await createStateStore({ url: name }), `discussion:thread:C1:${ROOT}`, gate);
    const receiver = await setup({ store });
    const recording = receiver.discussions.recordThreadMessage(reply(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await started.commit(ROOT);
    committed();
    expect(await recording).toBe("kept");
    expect(await contextOf(poster.store)).toEqual(["early reply 1"]);
  });

  it("holds nothing, and waits for nothing, in a channel where no discussion is being posted", async () => {
    const { discussions, store } = await setup();
    expect(await discussions.recordThreadMessage(reply(1))).toBe("ignored");
    expect(await store.get(`discussion:held:C1:${ROOT}`)).toBeUndefined();
    const started = performance.now();
    expect(await discussions.awaitPaperForThread("C1", ROOT)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("holds replies within the thread limits, and only for a short while", async () => {
    const { discussions, store } = await setup({ threadLimits: { heldMs: 100 } });
    const started = await posting(discussions);
    for (let n = 1; n <= 40; n++)
      await discussions.recordThreadMessage(reply(n, `${n} ${"x".repeat(2_000)}`));
    const held = await store.get<Array<{ text: string }>>(`discussion:held:C1:${ROOT}`);
    expect(held?.length).toBeLessThanOrEqual(30);
    expect(held?.reduce((sum, m) => sum + m.text.length, 0)).toBeLessThanOrEqual(6_000);
    expect(held?.every((m) => m.text.length <= 1_500)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await started.commit(ROOT);
    expect(await contextOf(store)).toEqual([]);
  });
});
