// Summarizers on separate store connections ask the LLM once per paper between them (memory, SQLite, Redis).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { PaperboyError } from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import type { LlmClient } from "../../src/summaries/llm-client.ts";
import { loadPrompt } from "../../src/summaries/prompt-template.ts";
import { createSummarizer } from "../../src/summaries/summarizer.ts";
import { summaryCacheKey, summaryClaimKey } from "../../src/summaries/summary-cache.ts";
import { describeBackend } from "../state/state-store.contract.ts";
import { seedPaper } from "../support/seed-papers.ts";
import { deleteRedisKeys, TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";

const PROMPTS = new URL("../../prompts", import.meta.url).pathname;
const MODEL = "test-model";
// Not under `paperboy-test-*`: the state-store contract deletes that pattern when it ends, maybe mid-run here.
const RUN = `paperboy-shared-flight-${randomUUID()}`;
const redisSkipReason = await redisUnreachable(REDIS_URL);

type Outcome = "ok" | "fail" | "hang";

interface LlmCall {
  outcome: Outcome;
  startedAt: number;
  endedAt?: number;
}

/** One upstream LLM that every instance talks to: records each call, answers as scripted (default "ok"). */
interface CountingLlm extends LlmClient {
  readonly calls: LlmCall[];
  script(...outcomes: Outcome[]): void;
}

/** Answers after `delayMs`; each answer names its call, so two calls could never give the same summary. */
function countingLlm(delayMs = 150): CountingLlm {
  const calls: LlmCall[] = [];
  const script: Outcome[] = [];
  return {
    calls,
    script: (...outcomes) => script.push(...outcomes),
    async complete(_messages, options) {
      const call: LlmCall = { outcome: script.shift() ?? "ok", startedAt: performance.now() };
      calls.push(call);
      try {
        // A hanging call ends only when the summarizer aborts it at its deadline.
        await sleep(call.outcome === "hang" ? 60_000 : delayMs, undefined, { signal: options?.signal });
      } finally {
        call.endedAt = performance.now();
      }
      if (call.outcome === "fail") throw new PaperboyError("llm_unavailable", "scripted failure");
      const answer = {
        tldr: `Answer number ${calls.indexOf(call) + 1}: a regularizer that improves generalization.`,
        problem: "Models overfit.",
        method: "A smoother loss.",
        result: "Better test accuracy.",
      };
      return { text: JSON.stringify(answer), usage: { promptTokens: 300, completionTokens: 40 } };
    },
  };
}

function summarizerOn(store: StateStore, llm: LlmClient | undefined, timeoutMs = 5_000) {
  return createSummarizer({
    llm,
    store,
    promptsDir: PROMPTS,
    model: MODEL,
    logger: silentLogger(),
    timeoutMs,
  });
}

/** The claim a summarizer takes while it asks the LLM for `paper`. */
async function claimKeyFor(paper: Paper): Promise<string> {
  const template = await loadPrompt("summary", PROMPTS);
  return summaryClaimKey(summaryCacheKey(template.hash, MODEL, paper));
}

/** Registers the multi-instance tests for one backend; `open` gives a new connection to the shared store. */
function describeInstancesSharing(open: (namespace: string) => Promise<StateStore>): void {
  let opened: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
  });
  /** Two connections to one fresh namespace: each plays a separate bot instance. */
  const instances = async (): Promise<[StateStore, StateStore]> => {
    const namespace = `${RUN}-${randomUUID()}`;
    const pair: [StateStore, StateStore] = [await open(namespace), await open(namespace)];
    opened.push(...pair);
    return pair;
  };

  it("asks the LLM once when two instances summarize the same paper at the same moment", async () => {
    const llm = countingLlm();
    const [storeA, storeB] = await instances();
    const [a, b] = [summarizerOn(storeA, llm), summarizerOn(storeB, llm)];
    const paper = seedPaper(30);
    // A digest on one instance while people click Summarize on both.
    const summaries = await Promise.all([a, b, a, b, a, b].map((summarizer) => summarizer.summarize(paper)));
    expect(llm.calls).toHaveLength(1);
    expect(new Set(summaries.map((summary) => JSON.stringify([summary.tldr, summary.bullets]))).size).toBe(1);
    expect(summaries[0]?.tldr).toMatch(/^Answer number 1:/);
    expect(new Set(summaries.map((summary) => summary.origin))).toEqual(new Set(["llm", "cache"]));
    expect(summaries.every((summary) => summary.label === `AI summary (${MODEL})`)).toBe(true);
  });

  it("takes over when the instance asking the LLM fails, and answers from the LLM", async () => {
    const llm = countingLlm();
    llm.script("fail");
    const [storeA, storeB] = await instances();
    const [a, b] = [summarizerOn(storeA, llm), summarizerOn(storeB, llm)];
    const paper = seedPaper(31);
    const first = a.summarize(paper);
    await vi.waitFor(() => expect(llm.calls).toHaveLength(1), { interval: 5 });
    const second = b.summarize(paper);
    expect((await first).origin).toBe("extractive");
    expect(await second).toMatchObject({ origin: "llm", tldr: expect.stringMatching(/^Answer number 2:/) });
    expect(llm.calls.map((call) => call.outcome)).toEqual(["fail", "ok"]);
    // The second instance waited for the first instead of asking alongside it.
    expect(llm.calls[1]?.startedAt).toBeGreaterThanOrEqual(llm.calls[0]?.endedAt ?? Number.POSITIVE_INFINITY);
  });

  it("takes over when the instance asking the LLM gives up at its deadline", async () => {
    const llm = countingLlm();
    llm.script("hang");
    const [storeA, storeB] = await instances();
    const [a, b] = [summarizerOn(storeA, llm, 300), summarizerOn(storeB, llm, 5_000)];
    const paper = seedPaper(32);
    const first = a.summarize(paper);
    await vi.waitFor(() => expect(llm.calls).toHaveLength(1), { interval: 5 });
    const second = b.summarize(paper);
    expect((await first).origin).toBe("extractive");
    expect((await second).origin).toBe("llm");
    expect(llm.calls).toHaveLength(2);
    expect(llm.calls[1]?.startedAt).toBeGreaterThanOrEqual(llm.calls[0]?.endedAt ?? Number.POSITIVE_INFINITY);
  });

  it("waits out a crashed instance's claim, then asks the LLM itself", async () => {
    const llm = countingLlm(50);
    const [crashed, storeB] = await instances();
    const paper = seedPaper(33);
    // What a process leaves behind when it dies mid-call: a claim no one will release, here near its end.
    expect(await crashed.claim(await claimKeyFor(paper), 400)).toBe(true);
    const started = performance.now();
    const summary = await summarizerOn(storeB, llm).summarize(paper);
    expect(summary.origin).toBe("llm");
    expect(llm.calls).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it("falls back within its own timeout while a crashed claim lasts, and asks the LLM once it has run out", async () => {
    const llm = countingLlm(50);
    const [crashed, storeB] = await instances();
    const paper = seedPaper(34);
    const claimedAt = performance.now();
    expect(await crashed.claim(await claimKeyFor(paper), 1_200)).toBe(true);
    const b = summarizerOn(storeB, llm, 300);
    const waited = await b.summarize(paper);
    expect(waited.origin).toBe("extractive");
    expect(performance.now() - claimedAt).toBeLessThan(1_000);
    expect(llm.calls).toHaveLength(0);
    await sleep(1_300 - (performance.now() - claimedAt));
    expect((await b.summarize(paper)).origin).toBe("llm");
    expect(llm.calls).toHaveLength(1);
  });
}

describeBackend("instances sharing a memory store", undefined, () => {
  // A named memory space is shared by every store instance opened on it in this process.
  describeInstancesSharing((namespace) => createStateStore({ url: `memory://${RUN}`, namespace }));
});

describeBackend("instances sharing a SQLite file", undefined, () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-shared-flight-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeInstancesSharing((namespace) =>
    createStateStore({ url: `sqlite://${join(dir, "state.db")}`, namespace }),
  );
});

describeBackend("instances sharing Redis", redisSkipReason, () => {
  afterAll(() => deleteRedisKeys(`${RUN}*`));
  describeInstancesSharing((namespace) => createStateStore({ url: REDIS_URL, namespace }));
});

/** Counts calls per store operation; `failing` operations reject as the real store does on a storage error. */
function spyStore(inner: StateStore, failing: Array<"get" | "set" | "claim" | "release"> = []) {
  const counts = { get: 0, set: 0, claim: 0, release: 0 };
  const wrap =
    <A extends unknown[], R>(name: keyof typeof counts, run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      counts[name]++;
      if (failing.includes(name)) return Promise.reject(new PaperboyError("storage", `${name} failed`));
      return run(...args);
    };
  const store: StateStore = {
    ...inner,
    get: wrap("get", (key: string) => inner.get(key)),
    set: wrap("set", (key: string, value: unknown, ttlMs?: number) => inner.set(key, value, ttlMs)),
    claim: wrap("claim", (key: string, ttlMs: number) => inner.claim(key, ttlMs)),
    release: wrap("release", (key: string) => inner.release(key)),
  };
  return { store, counts };
}

describe("one instance and its store", () => {
  let opened: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
  });
  /** A store on a fresh namespace of a shared memory space; `namespace` opens another connection to it. */
  const openStore = async (namespace = `${RUN}-${randomUUID()}`) => {
    const store = await createStateStore({ url: `memory://${RUN}`, namespace });
    opened.push(store);
    return { store, namespace };
  };

  it("claims once however many of its callers wait for the same paper", async () => {
    const llm = countingLlm();
    const { store, counts } = spyStore((await openStore()).store);
    const summarizer = summarizerOn(store, llm);
    const summaries = await Promise.all(
      Array.from({ length: 20 }, () => summarizer.summarize(seedPaper(40))),
    );
    expect(new Set(summaries.map((summary) => summary.tldr)).size).toBe(1);
    expect(llm.calls).toHaveLength(1);
    // A cache read, the claim, a re-read under it, the cache write and the release: the same as for one caller.
    expect(counts).toEqual({ get: 2, set: 1, claim: 1, release: 1 });
  });

  it("falls back at once without touching the claim when no LLM is configured", async () => {
    const { store, counts } = spyStore((await openStore()).store);
    const summary = await summarizerOn(store, undefined).summarize(seedPaper(41));
    expect(summary).toMatchObject({ origin: "extractive", label: "Extract from the abstract" });
    expect(counts.claim).toBe(0);
  });

  it("asks the LLM without coordination when the store cannot claim", async () => {
    const llm = countingLlm();
    const { store } = spyStore((await openStore()).store, ["claim"]);
    const summarizer = summarizerOn(store, llm);
    expect((await summarizer.summarize(seedPaper(42))).origin).toBe("llm");
    expect(llm.calls).toHaveLength(1);
    // The answer was still cached.
    expect((await summarizer.summarize(seedPaper(42))).origin).toBe("cache");
  });

  it("answers from the LLM every time while every store operation fails", async () => {
    const llm = countingLlm(20);
    const { store } = spyStore((await openStore()).store, ["get", "set", "claim", "release"]);
    const summarizer = summarizerOn(store, llm);
    expect((await summarizer.summarize(seedPaper(43))).origin).toBe("llm");
    expect((await summarizer.summarize(seedPaper(43))).origin).toBe("llm");
    expect(llm.calls).toHaveLength(2);
  });

  it("answers when the claim cannot be released, and leaves it to run out", async () => {
    const llm = countingLlm(20);
    const { store: inner, namespace } = await openStore();
    const { store, counts } = spyStore(inner, ["release"]);
    expect((await summarizerOn(store, llm).summarize(seedPaper(44))).origin).toBe("llm");
    expect(counts.release).toBe(1);
    const other = (await openStore(namespace)).store;
    expect(await other.claim(await claimKeyFor(seedPaper(44)), 1_000)).toBe(false);
  });
});
