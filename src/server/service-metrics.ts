// What /metrics and /healthz read from the running services: index, search, LLM and digest figures, and health.

import type { Services } from "../services.ts";
import type { HealthReport } from "./http-server.ts";
import type { Metrics } from "./metrics.ts";

// A store that takes longer than this to read one key is as good as down for Slack's 3-second acks.
const STORE_HEALTH_TIMEOUT_MS = 2_000;

/**
 * Registers the figures read from the services at scrape time: levels as gauges, running totals as counters.
 * `digestSourceFailures` (the digest's candidate fetcher's) add to the search's in `paperboy_source_failures_total`.
 */
export function registerServiceMetrics(
  metrics: Metrics,
  services: Services,
  digestSourceFailures: () => Record<string, number> = () => ({}),
): void {
  metrics.gaugeFrom("paperboy_papers_indexed", "Papers in the local index", () => services.index.count());
  metrics.gaugeFrom(
    "paperboy_search_threads_ready",
    "Search workers ready to take a search (0: searches run on the main thread)",
    () => services.index.searchWorkersReady(),
  );
  metrics.counterFrom(
    "paperboy_searches_on_threads_total",
    "Searches answered on search workers since the start (the others ran on the main thread)",
    () => services.index.searchesOnWorkers(),
  );
  const llm = () => services.llm?.totals() ?? { calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
  metrics.counterFrom(
    "paperboy_llm_calls_total",
    "LLM calls (summaries, questions, answers)",
    () => llm().calls,
  );
  metrics.counterFrom("paperboy_llm_failures_total", "LLM calls that failed", () => llm().failures);
  metrics.counterFrom(
    "paperboy_llm_prompt_tokens_total",
    "Prompt tokens sent to the LLM",
    () => llm().promptTokens,
  );
  metrics.counterFrom(
    "paperboy_llm_completion_tokens_total",
    "Completion tokens received from the LLM",
    () => llm().completionTokens,
  );
  metrics.counterFrom(
    "paperboy_summary_cache_hits_total",
    "Summaries served from the cache",
    () => services.summarizer.usage().cacheHits,
  );
  metrics.labelledCounterFrom(
    "paperboy_source_failures_total",
    "Remote paper searches, lookups and digest fetches that failed or timed out, by source",
    "source",
    () => addCounts(services.search.sourceFailures(), digestSourceFailures()),
  );
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

/** Healthy when the state store answers a read in time and the paper index answers a query. */
export async function checkServicesHealth(services: Services): Promise<HealthReport> {
  try {
    // A real read (count() is kept in memory): throws once the database file is closed or damaged.
    services.index.get("0000.00000");
  } catch (error) {
    return { ok: false, reason: `the paper index cannot be read: ${(error as Error).message}` };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      services.store.get("healthz:probe"),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${STORE_HEALTH_TIMEOUT_MS} ms`)),
          STORE_HEALTH_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    return { ok: false, reason: `the state store does not answer: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
  return { ok: true };
}
