// Search workers: the same answers as the main thread, fresh after writes, and no search lost when a thread dies.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { indexFiles } from "../../src/papers/index-schema.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { SearchWorkers } from "../../src/papers/search-workers.ts";
import { seedPapers } from "../support/seed-papers.ts";

const CRASHING_WORKER = new URL("../support/crashing-search-worker.mjs", import.meta.url);
const BROKEN_WORKER = new URL("../support/broken-search-worker.mjs", import.meta.url);
// Starting a thread loads tsx and opens the index: allow for a loaded CI machine.
const READY = { timeout: 15_000, interval: 20 };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An index on disk holding the 66 seed papers, and its files. */
function seededIndex(options: { searchWorkers?: number; searchWorker?: URL; logger?: pino.Logger } = {}): {
  index: PaperIndex;
  dir: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-threads-"));
  const index = openPaperIndex({ dir, ...options });
  index.upsert(seedPapers());
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => index.close());
  return { index, dir };
}

function threadsOver(dir: string, options: Partial<ConstructorParameters<typeof SearchWorkers>[0]> = {}) {
  const threads = new SearchWorkers({ files: indexFiles({ dir }), threads: 1, ...options });
  cleanups.push(() => threads.close());
  return threads;
}

/** A logger whose warnings and errors the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, messages: () => lines.map((line) => line.msg) };
}

const QUERIES = [
  "regularization",
  "dropout for transformers",
  '"weight decay"',
  "2302.06675",
  "zzqx nothing",
];

describe("search workers", () => {
  it("answer every kind of query exactly as the main thread does", async () => {
    const { index, dir } = seededIndex();
    const threads = threadsOver(dir);
    await vi.waitFor(() => expect(threads.readyCount()).toBe(1), READY);

    for (const query of QUERIES) {
      const onThread = await threads.search(query, { limit: 6 }, index.count());
      expect(onThread, query).toEqual(index.search(query, { limit: 6 }));
    }
    const page2 = await threads.search("regularization", { limit: 5, offset: 5 }, index.count());
    expect(page2).toEqual(index.search("regularization", { limit: 5, offset: 5 }));
    expect(page2?.length).toBe(5);
  });

  it("start only once `startAfter` settles (the bot's /readyz), searches running inline until then", async () => {
    const { index, dir } = seededIndex();
    let answer = () => {};
    const answering = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const later = threadsOver(dir, { startAfter: answering });
    const now = threadsOver(dir);
    await vi.waitFor(() => expect(now.readyCount()).toBe(1), READY);
    // Started together, the gated set is still without a thread: a search is left to the caller's thread.
    expect(later.readyCount()).toBe(0);
    expect(later.search("regularization", {}, index.count())).toBeUndefined();

    answer();
    await vi.waitFor(() => expect(later.readyCount()).toBe(1), READY);
    expect(await later.search("regularization", { limit: 3 }, index.count())).toEqual(
      index.search("regularization", { limit: 3 }),
    );
  });

  it("see a paper the moment the main connection has stored it", async () => {
    const { index, dir } = seededIndex();
    const threads = threadsOver(dir);
    await vi.waitFor(() => expect(threads.readyCount()).toBe(1), READY);
    expect(await threads.search("axolotl", {}, index.count())).toEqual([]);

    const axolotl: Paper = {
      id: "2511.00042",
      title: "Axolotl limb regeneration as a benchmark for continual learning",
      abstract: "We study regeneration.",
      authors: ["Ada Example"],
      categories: ["cs.LG"],
      source: "hf",
    };
    index.upsert([axolotl]);
    const hits = await threads.search("axolotl", {}, index.count());
    expect(hits?.map((hit) => hit.paper.id)).toEqual(["2511.00042"]);
  });

  it("take nothing before a thread is ready, so the caller searches itself instead of waiting", async () => {
    const { dir } = seededIndex();
    const threads = threadsOver(dir);
    expect(threads.readyCount()).toBe(0);
    expect(threads.search("regularization", {}, 66)).toBeUndefined();
  });

  it("share a burst of searches among threads and answer each with its own results", async () => {
    const { index, dir } = seededIndex();
    const threads = threadsOver(dir, { threads: 2 });
    await vi.waitFor(() => expect(threads.readyCount()).toBe(2), READY);

    const burst = Array.from({ length: 40 }, (_, i) => QUERIES[i % QUERIES.length] ?? "");
    const answers = await Promise.all(burst.map((query) => threads.search(query, { limit: 3 }, 66)));
    answers.forEach((hits, i) => {
      expect(hits).toEqual(index.search(burst[i] ?? "", { limit: 3 }));
    });
  });
});

describe("closing", () => {
  it("fails the searches still waiting and starts no thread again", async () => {
    const { dir } = seededIndex();
    const threads = threadsOver(dir, { restartDelayMs: 1 });
    await vi.waitFor(() => expect(threads.readyCount()).toBe(1), READY);
    const waiting = Promise.allSettled(
      Array.from({ length: 20 }, () => threads.search("regularization", {}, 66)),
    );
    await threads.close();
    const outcomes = await waiting;
    // Each was answered before the close or failed with it: none is left hanging.
    expect(outcomes.every((o) => o.status === "fulfilled" || /closed/.test(String(o.reason)))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(threads.readyCount()).toBe(0);
    expect(threads.search("regularization", {}, 66)).toBeUndefined();
  });
});

describe("a search worker that dies", () => {
  it("fails its waiting searches (the index then answers them inline) and is started again", async () => {
    const { index, dir } = seededIndex();
    const { logger, messages } = recordingLogger();
    const threads = threadsOver(dir, { workerUrl: CRASHING_WORKER, restartDelayMs: 10, logger });
    await vi.waitFor(() => expect(threads.readyCount()).toBe(1), READY);

    const queued = threads.search("regularization", {}, index.count());
    const crash = threads.search("crash the thread", {}, index.count());
    await expect(crash).rejects.toThrow(/exited/);
    // The search posted before the crash was answered or failed with it: never left hanging.
    await queued?.catch(() => undefined);

    await vi.waitFor(() => expect(threads.readyCount()).toBe(1), READY);
    const hits = await threads.search("regularization", { limit: 3 }, index.count());
    expect(hits).toEqual(index.search("regularization", { limit: 3 }));
    expect(messages()).toEqual([]);
  });

  it("is given up after failing to start again and again, and says so once", async () => {
    const { dir } = seededIndex();
    const { logger, messages } = recordingLogger();
    const threads = threadsOver(dir, { workerUrl: BROKEN_WORKER, restartDelayMs: 1, logger });
    await vi.waitFor(
      () =>
        expect(messages()).toContain(
          "a search worker keeps failing to start; searches run on the main thread",
        ),
      READY,
    );
    expect(threads.readyCount()).toBe(0);
    expect(threads.search("regularization", {}, 66)).toBeUndefined();
    const failures = messages().filter((m) => m === "search worker failed").length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(messages().filter((m) => m === "search worker failed").length).toBe(failures);
  });
});

describe("the index with search workers", () => {
  it("answers searchAsync on a thread once one is ready, with the same hits as search", async () => {
    const { index } = seededIndex({ searchWorkers: 1 });
    // Before the thread is ready the answer comes from the main thread: no search waits for a thread.
    expect(index.searchWorkersReady()).toBe(0);
    expect(await index.searchAsync("regularization")).toEqual(index.search("regularization"));

    await vi.waitFor(() => expect(index.searchWorkersReady()).toBe(1), READY);
    for (const query of QUERIES) expect(await index.searchAsync(query)).toEqual(index.search(query));
  });

  it("costs a search whose thread dies time, not its answer", async () => {
    const { logger, messages } = recordingLogger();
    const { index } = seededIndex({ searchWorkers: 1, searchWorker: CRASHING_WORKER, logger });
    await vi.waitFor(() => expect(index.searchWorkersReady()).toBe(1), READY);
    expect(await index.searchAsync("crash the thread")).toEqual(index.search("crash the thread"));
    expect(messages()).toContain("search worker failed; searching inline");
  });

  it("has none in memory, where no other connection can read it, and still answers searchAsync", async () => {
    const index = openPaperIndex({ path: ":memory:", searchWorkers: 2 });
    cleanups.push(() => index.close());
    index.upsert(seedPapers());
    expect(index.searchWorkersReady()).toBe(0);
    expect(await index.searchAsync("regularization")).toEqual(index.search("regularization"));
  });
});
