// Worker thread that runs index searches on its own read-only connection (see search-workers.ts).
import { parentPort, workerData } from "node:worker_threads";
import { type IndexFiles, openIndexReader } from "./index-schema.ts";
import { IndexSearch } from "./index-search.ts";
import type { SearchReply, SearchRequest } from "./search-workers.ts";

const port = parentPort;
if (!port) throw new Error("search-worker must run as a worker thread");
const { files, model } = workerData as { files: IndexFiles; model?: string };

// The main thread owns the paper count (it does the writing) and sends it with every request.
let docCount = 1;
const search = new IndexSearch(openIndexReader(files), files.shards.length, () => docCount, model);

port.on("message", (request: SearchRequest) => {
  docCount = request.docCount;
  let reply: SearchReply;
  try {
    reply = { id: request.id, hits: search.search(request.query, request.options) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies SearchReply);
