// The services a one-shot command may never call (sources, summaries, discussions, reading lists), each built, with
// its modules imported, on its first call: `paperboy search --local` then loads only the index and the search.
import type { Discussions, DiscussionsOptions } from "./discussion/discussions.ts";
import type { FullTextFetcherOptions } from "./discussion/full-text-fetcher.ts";
import { lazyService } from "./lazy-service.ts";
import type { ArxivClient, ArxivClientOptions } from "./papers/sources/arxiv-api.ts";
import type { ArxivFeedClient, ArxivFeedClientOptions } from "./papers/sources/arxiv-feed.ts";
import type { HfClient, HfClientOptions } from "./papers/sources/hf.ts";
import type { ReadingList, ReadingListOptions } from "./reading-list/reading-list.ts";
import type { Summarizer, SummarizerOptions } from "./summaries/summarizer.ts";

const none = () => ({});

export function lazyHfClient(options: HfClientOptions): HfClient {
  return lazyService<HfClient>(
    async () => (await import("./papers/sources/hf.ts")).createHfClient(options),
    { dailyPapers: true, allDailyPapers: true, paper: true, search: true },
    none,
  );
}

export function lazyArxivClient(options: ArxivClientOptions): ArxivClient {
  return lazyService<ArxivClient>(
    async () => (await import("./papers/sources/arxiv-api.ts")).createArxivClient(options),
    { query: true, byId: true, search: true, byAuthors: true },
    none,
  );
}

export function lazyArxivFeedClient(options: ArxivFeedClientOptions): ArxivFeedClient {
  return lazyService<ArxivFeedClient>(
    async () => (await import("./papers/sources/arxiv-feed.ts")).createArxivFeedClient(options),
    { newSubmissions: true },
    none,
  );
}

/** Its usage counts are zero until it is first used. */
export function lazySummarizer(options: SummarizerOptions): Summarizer {
  return lazyService<Summarizer>(
    async () => (await import("./summaries/summarizer.ts")).createSummarizer(options),
    { summarize: true, cached: true },
    (loaded) => ({
      usage: () =>
        loaded()?.usage() ?? {
          llmCalls: 0,
          promptTokens: 0,
          completionTokens: 0,
          cacheHits: 0,
          fallbacks: 0,
        },
    }),
  );
}

/** The full-text fetcher the discussions read papers with is built with them. */
export function lazyDiscussions(
  options: Omit<DiscussionsOptions, "fullText"> & { fullText: FullTextFetcherOptions },
): Discussions {
  return lazyService<Discussions>(
    async () => {
      const [{ createDiscussions }, { createFullTextFetcher }] = await Promise.all([
        import("./discussion/discussions.ts"),
        import("./discussion/full-text-fetcher.ts"),
      ]);
      return createDiscussions({ ...options, fullText: createFullTextFetcher(options.fullText) });
    },
    {
      startDiscussion: true,
      recordThreadMessage: true,
      answerQuestion: true,
      paperForThread: true,
      awaitPaperForThread: true,
      forgetThread: true,
      forgetReply: true,
      discussedHere: true,
      discussedPapers: true,
    },
    none,
  );
}

export function lazyReadingList(options: ReadingListOptions): ReadingList {
  return lazyService<ReadingList>(
    async () => (await import("./reading-list/reading-list.ts")).createReadingList(options),
    { save: true, remove: true, list: true, rememberPaperMessage: true, paperAt: true },
    none,
  );
}
