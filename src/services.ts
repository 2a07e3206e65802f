// Builds paperboy's product services from a Config: index, sources, search, state, summaries, discussions.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "./config/load-config.ts";
import type { Discussions } from "./discussion/discussions.ts";
import {
  lazyArxivClient,
  lazyArxivFeedClient,
  lazyDiscussions,
  lazyHfClient,
  lazyReadingList,
  lazySummarizer,
} from "./lazy-services.ts";
import type { Logger } from "./logger.ts";
import type { Embedder } from "./papers/embeddings/embedder.ts";
import { createOpenAiEmbedder } from "./papers/embeddings/openai-embedder.ts";
import { createTermVectorEmbedder } from "./papers/embeddings/term-vector-embedder.ts";
import { openPaperIndex, type PaperIndex } from "./papers/paper-index.ts";
import { createPaperSearch, type PaperSearch } from "./papers/search-papers.ts";
import type { ArxivClient } from "./papers/sources/arxiv-api.ts";
import type { ArxivFeedClient } from "./papers/sources/arxiv-feed.ts";
import type { HfClient } from "./papers/sources/hf.ts";
import type { ReadingList } from "./reading-list/reading-list.ts";
import { lazyStateStore } from "./state/lazy-state-store.ts";
import type { StateStore } from "./state/state-store.ts";
import { type CountingLlmClient, countingLlmClient } from "./summaries/counting-llm-client.ts";
import { lazyLlmClient } from "./summaries/lazy-llm-client.ts";
import type { Summarizer } from "./summaries/summarizer.ts";

/** The repository's prompts/ folder, wherever the process was started from. */
export const PROMPTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "prompts");

export interface Services {
  config: Config;
  logger: Logger;
  index: PaperIndex;
  hf: HfClient;
  arxiv: ArxivClient;
  arxivFeed: ArxivFeedClient;
  search: PaperSearch;
  store: StateStore;
  /** The LLM, counting every call's tokens (summaries and discussions alike). */
  llm?: CountingLlmClient;
  summarizer: Summarizer;
  discussions: Discussions;
  readingList: ReadingList;
  close(): Promise<void>;
}

/** An embeddings server when OPENAI_EMBEDDING_MODEL names a model, else the embedded LSA term vectors (unless off). */
function createEmbedder(config: Config): Embedder | undefined {
  if (config.llm.embeddingModel)
    return createOpenAiEmbedder({
      model: config.llm.embeddingModel,
      apiKey: config.llm.apiKey ?? "not-needed",
      ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
      timeoutMs: config.llm.timeoutMs,
    });
  return config.embeddingsOff ? undefined : createTermVectorEmbedder();
}

/**
 * Opens storage and builds every client the config names. The caller closes what it gets. Search
 * threads are for a long-running bot (`searchWorkers: config.searchWorkers`); one-shot commands
 * leave them out, as a thread takes longer to start than their one search. `lazyStore` opens the state store
 * on first use (one-shot commands, many of which never touch it); the bot opens it at once, so a store it
 * cannot reach stops it at start.
 */
export async function createServices(
  config: Config,
  logger: Logger,
  options: { searchWorkers?: number; searchWorkersAfter?: Promise<unknown>; lazyStore?: boolean } = {},
): Promise<Services> {
  mkdirSync(config.dataDir, { recursive: true });
  const embedder = createEmbedder(config);
  const index = openPaperIndex({
    dir: config.dataDir,
    searchWorkers: options.searchWorkers ?? 0,
    ...(options.searchWorkersAfter ? { searchWorkersAfter: options.searchWorkersAfter } : {}),
    logger,
    ...(embedder ? { embedder } : {}),
  });
  // Sources, summaries, discussions and reading lists load their modules on first use (lazy-services.ts).
  const hf = lazyHfClient({ baseUrl: config.sources.hfApiUrl, logger });
  const arxiv = lazyArxivClient({ baseUrl: config.sources.arxivApiUrl, logger });
  const arxivFeed = lazyArxivFeedClient({ baseUrl: config.sources.arxivRssUrl, logger });
  const search = createPaperSearch({
    index,
    remotes: [
      {
        name: "hf",
        search: (query, options) => hf.search(query, options),
        byId: (id, call) => hf.paper(id, call),
      },
      {
        name: "arxiv",
        search: (query, options) => arxiv.search(query, options),
        byId: (id, call) => arxiv.byId(id, call),
        // arXiv wants 3 s between requests: one search waits on it at a time, the rest go without.
        maxInFlight: 1,
      },
    ],
    timeoutMs: config.sources.remoteSearchTimeoutMs,
    logger,
  });
  const storeOptions = {
    ...(config.storeUrl ? { url: config.storeUrl } : {}),
    dataDir: config.dataDir,
    logger,
  };
  const store = options.lazyStore
    ? lazyStateStore(storeOptions)
    : await (await import("./state/state-store.ts")).createStateStore(storeOptions);
  // A local server (Ollama, llama.cpp, vLLM) needs a base URL but no key; the SDK wants some key anyway.
  const llm =
    config.llm.apiKey || config.llm.baseUrl
      ? countingLlmClient(
          lazyLlmClient(async () =>
            (await import("./summaries/openai-llm-client.ts")).createOpenAiLlmClient({
              apiKey: config.llm.apiKey ?? "not-needed",
              ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
              model: config.llm.model,
              timeoutMs: config.llm.timeoutMs,
              logger,
            }),
          ),
        )
      : undefined;
  const summarizer = lazySummarizer({
    llm,
    store,
    promptsDir: PROMPTS_DIR,
    model: config.llm.model,
    logger,
    timeoutMs: config.llm.timeoutMs,
  });
  const discussions = lazyDiscussions({
    store,
    summarizer,
    ...(llm ? { llm } : {}),
    fullText: {
      hfBaseUrl: config.sources.hfApiUrl,
      arxivHtmlBaseUrl: config.sources.arxivHtmlUrl,
      timeoutMs: 8_000,
      maxChars: 60_000,
      store,
      logger,
    },
    logger,
    promptsDir: PROMPTS_DIR,
  });
  const readingList = lazyReadingList({ store });
  const services: Services = {
    config,
    logger,
    index,
    hf,
    arxiv,
    arxivFeed,
    search,
    store,
    summarizer,
    discussions,
    readingList,
    async close() {
      index.close();
      await store.close();
    },
  };
  if (llm) services.llm = llm;
  return services;
}
