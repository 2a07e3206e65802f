// Test double: the real search worker, except that the query "crash the thread" ends the thread mid-search.
import { parentPort } from "node:worker_threads";

// Registered before the real worker's listener, so the thread ends before that search is answered.
parentPort?.on("message", (request) => {
  if (request.query === "crash the thread") process.exit(3);
});
await import("../../src/papers/search-worker.mjs");
