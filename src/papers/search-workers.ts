// Search workers: index searches run on worker threads so a burst of them leaves the main thread free.
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger.ts";
import type { IndexFiles } from "./index-schema.ts";
import type { SearchHit, SearchOptions } from "./index-search.ts";

/** What the main thread sends a search worker. */
export interface SearchRequest {
  id: number;
  query: string;
  options: SearchOptions;
  docCount: number;
}

/** What a search worker answers: ready once, then one reply per request. */
export type SearchReply = { ready: true } | { id: number; hits: SearchHit[] } | { id: number; error: string };

export interface SearchWorkersOptions {
  files: IndexFiles;
  threads: number;
  /** The embedder whose vectors the threads fuse into searches. */
  model?: string;
  logger?: Logger;
  /** The worker's module (tests swap in one that misbehaves). */
  workerUrl?: URL;
  /** First delay before a dead thread is restarted; doubles while it keeps dying before it is ready. */
  restartDelayMs?: number;
  /**
   * The threads start once this settles (the bot: once /readyz answers, so their start does not compete
   * with its own for the CPU; searches run inline meanwhile). Default: at once.
   */
  startAfter?: Promise<unknown>;
}

interface Pending {
  resolve: (hits: SearchHit[]) => void;
  reject: (error: Error) => void;
}

interface SearchWorker {
  worker: Worker;
  ready: boolean;
  pending: Map<number, Pending>;
}

// A thread that died this many times in a row before it was ready is not started again: the index
// cannot be read from another connection, and the main thread keeps searching alone.
const MAX_FAILED_STARTS = 5;

/**
 * A fixed set of search workers over one index's files. A search goes to the ready thread with the
 * fewest searches waiting; when none is ready (starting up, or dead and restarting) the caller
 * searches on its own thread, so no search waits for a thread and none is lost with one.
 */
export class SearchWorkers {
  readonly #options: SearchWorkersOptions;
  readonly #threads: (SearchWorker | undefined)[];
  readonly #failedStarts: number[];
  readonly #timers = new Set<NodeJS.Timeout>();
  #nextId = 1;
  #closed = false;
  #answered = 0;

  constructor(options: SearchWorkersOptions) {
    this.#options = options;
    this.#threads = Array.from({ length: options.threads }, () => undefined);
    this.#failedStarts = this.#threads.map(() => 0);
    const start = () => {
      if (this.#closed) return;
      for (let slot = 0; slot < options.threads; slot++) this.#start(slot);
    };
    if (options.startAfter) options.startAfter.then(start, start);
    else start();
  }

  /** Threads that are ready to search now. */
  readyCount(): number {
    return this.#threads.filter((thread) => thread?.ready).length;
  }

  /** Searches the threads have answered since they started. */
  answeredCount(): number {
    return this.#answered;
  }

  /** Runs a search on a ready thread; undefined when none is ready (search on this thread instead). */
  search(query: string, options: SearchOptions, docCount: number): Promise<SearchHit[]> | undefined {
    let best: SearchWorker | undefined;
    for (const thread of this.#threads) {
      if (thread?.ready && (!best || thread.pending.size < best.pending.size)) best = thread;
    }
    if (!best) return undefined;
    const thread = best;
    const id = this.#nextId++;
    return new Promise<SearchHit[]>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, query, options, docCount } satisfies SearchRequest);
    });
  }

  /** Stops every thread; searches still running on them are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const threads = this.#threads.filter((thread): thread is SearchWorker => thread !== undefined);
    this.#threads.fill(undefined);
    for (const thread of threads) this.#abandon(thread, "the index was closed");
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  #start(slot: number): void {
    const worker = new Worker(this.#options.workerUrl ?? new URL("./search-worker.mjs", import.meta.url), {
      workerData: { files: this.#options.files, model: this.#options.model },
      // The entry registers tsx itself, so of the parent's flags only profiling ones carry over.
      execArgv: process.execArgv.filter((flag) => flag.startsWith("--cpu-prof")),
    });
    const thread: SearchWorker = { worker, ready: false, pending: new Map() };
    this.#threads[slot] = thread;
    worker.on("message", (reply: SearchReply) => {
      if ("ready" in reply) {
        thread.ready = true;
        this.#failedStarts[slot] = 0;
        return;
      }
      const pending = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if ("hits" in reply) {
        this.#answered++;
        pending?.resolve(reply.hits);
      } else pending?.reject(new Error(reply.error));
    });
    // An uncaught error in the worker also ends it: "exit" follows and does the clean-up.
    worker.on("error", (error) => {
      this.#options.logger?.warn({ err: error.message, thread: slot }, "search worker failed");
    });
    worker.on("exit", (code) => {
      if (this.#threads[slot] !== thread) return; // closed, or already replaced
      this.#threads[slot] = undefined;
      this.#abandon(thread, `the search worker exited (code ${code})`);
      if (!this.#closed) this.#restartLater(slot, thread.ready);
    });
  }

  #restartLater(slot: number, wasReady: boolean): void {
    const failed = wasReady ? 0 : (this.#failedStarts[slot] ?? 0) + 1;
    this.#failedStarts[slot] = failed;
    if (failed >= MAX_FAILED_STARTS) {
      this.#options.logger?.error(
        { thread: slot, attempts: failed },
        "a search worker keeps failing to start; searches run on the main thread",
      );
      return;
    }
    const delay = (this.#options.restartDelayMs ?? 1_000) * 2 ** failed;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) this.#start(slot);
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Rejects a thread's waiting searches (their callers search on the main thread instead). */
  #abandon(thread: SearchWorker, why: string): void {
    thread.ready = false;
    for (const pending of thread.pending.values()) pending.reject(new Error(why));
    thread.pending.clear();
  }
}
