// The Summarizer facade: cache first, then one LLM call per paper across instances, else a labelled fallback.
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import { fallbackSummary } from "./fallback-summary.ts";
import type { LlmClient } from "./llm-client.ts";
import { loadPrompt, type PromptTemplate, renderPrompt } from "./prompt-template.ts";
import { sharedFlight } from "./shared-flight.ts";
import { LABELS, parseModelAnswer, type Summary, type SummaryBullets } from "./summary.ts";
import { type CachedSummary, parseCachedSummary, summaryCacheKey, summaryClaimKey } from "./summary-cache.ts";

export interface SummarizerOptions {
  /** The LLM; undefined means none is configured and every summary is a fallback (or an old cached one). */
  llm?: LlmClient | undefined;
  /**
   * Where summaries are cached; shared by every instance pointing at the same store, whose claim also
   * makes one of them compute a summary while the others wait for it.
   */
  store: StateStore;
  /** Directory holding `summary.md`. */
  promptsDir: string;
  /** The model `llm` uses; part of the cache key and of the label. */
  model: string;
  logger: Logger;
  /** Longest a caller waits for the LLM (retries included) before getting the fallback. Default 20 s. */
  timeoutMs?: number;
  /** Prompt file name without `.md`. Default `summary`. */
  promptName?: string;
}

/** Running totals for /metrics. */
export interface SummarizerUsage {
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
  cacheHits: number;
  fallbacks: number;
}

export interface Summarizer {
  /** The paper's summary; never throws and never waits longer than `timeoutMs` (plus a cache read). */
  summarize(paper: Paper): Promise<Summary>;
  /** The cached LLM summary if there is one; never calls the LLM (for search results). */
  cached(paper: Paper): Promise<Summary | undefined>;
  usage(): SummarizerUsage;
}

type Answer = { tldr: string; bullets: SummaryBullets };

/** Builds the summarizer. The prompt file is read once, on first use: restart to apply an edited prompt. */
export function createSummarizer(options: SummarizerOptions): Summarizer {
  const { llm, store, model, logger } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  // The claim on a summary outlasts its holder's deadline (when it aborts the LLM call and releases), plus a
  // margin for a late timer and the release itself, so no one takes over from an owner still at work;
  // a crashed owner's claim runs out soon after.
  const leaseMs = Math.ceil(timeoutMs + Math.max(1_000, timeoutMs / 4));
  const promptName = options.promptName ?? "summary";
  const totals: SummarizerUsage = {
    llmCalls: 0,
    promptTokens: 0,
    completionTokens: 0,
    cacheHits: 0,
    fallbacks: 0,
  };
  // Single-flight in this process: callers asking for a key that is already being produced share that one
  // promise, so only the first of them touches the store's claim (sharedFlight does it across instances).
  const flights = new Map<string, Promise<Summary>>();
  let prompt: Promise<PromptTemplate> | undefined;

  const loadTemplate = async (): Promise<PromptTemplate | undefined> => {
    prompt ??= loadPrompt(promptName, options.promptsDir);
    try {
      return await prompt;
    } catch (error) {
      prompt = undefined; // try again next time, the file may be fixed
      logger.error({ err: error }, "summary prompt unavailable; using fallback summaries");
      return undefined;
    }
  };

  const readCache = async (key: string): Promise<Summary | undefined> => {
    try {
      const entry = parseCachedSummary(await store.get(key));
      if (!entry) return undefined;
      return { tldr: entry.tldr, bullets: entry.bullets, origin: "cache", label: LABELS.llm(entry.model) };
    } catch (error) {
      logger.warn({ err: error, key }, "summary cache read failed");
      return undefined;
    }
  };

  const fallback = (paper: Paper, reason: string): Summary => {
    totals.fallbacks++;
    const summary = fallbackSummary(paper);
    logger.info({ paperId: paper.id, reason, origin: summary.origin }, "fallback summary");
    return summary;
  };

  /** Asks the model; an answer that is not the expected JSON gets exactly one more try. */
  const ask = async (client: LlmClient, paper: Paper, template: PromptTemplate, signal: AbortSignal) => {
    const messages = renderPrompt(template, { title: asData(paper.title), abstract: asData(paper.abstract) });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const started = performance.now();
      const { text, usage } = await client.complete(messages, { json: true, signal });
      totals.llmCalls++;
      totals.promptTokens += usage.promptTokens;
      totals.completionTokens += usage.completionTokens;
      const answer = parseModelAnswer(text);
      logger.info(
        {
          paperId: paper.id,
          model,
          attempt,
          valid: answer !== undefined,
          ms: Math.round(performance.now() - started),
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          totalPromptTokens: totals.promptTokens,
          totalCompletionTokens: totals.completionTokens,
        },
        "LLM summary call",
      );
      if (answer) return answer;
    }
    return undefined;
  };

  /** A cache read that counts its hits. */
  const readCounted = async (key: string): Promise<Summary | undefined> => {
    const hit = await readCache(key);
    if (hit) totals.cacheHits++;
    return hit;
  };

  /** The summary from the cache or the LLM, or the reason there is none (the caller falls back). */
  const produce = async (
    paper: Paper,
    key: string,
    template: PromptTemplate,
    signal: AbortSignal,
  ): Promise<Summary | string> => {
    const hit = await readCounted(key);
    if (hit) return hit;
    if (!llm) return "no LLM configured";
    if (!paper.abstract.trim()) return "no abstract to summarise";
    // Another instance may be asking the LLM for this very summary: wait for its answer in the cache.
    return sharedFlight<Summary | string>({
      store,
      claimKey: summaryClaimKey(key),
      leaseMs,
      read: () => readCounted(key),
      compute: () => askAndCache(llm, paper, key, template, signal),
      signal,
      logger,
    });
  };

  /** One LLM summary, written to the cache; or the reason there is none. */
  const askAndCache = async (
    client: LlmClient,
    paper: Paper,
    key: string,
    template: PromptTemplate,
    signal: AbortSignal,
  ): Promise<Summary | string> => {
    let answer: Answer | undefined;
    try {
      answer = await ask(client, paper, template, signal);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    if (!answer) return "the LLM answered invalid JSON twice";
    const entry: CachedSummary = { ...answer, model, createdAt: new Date().toISOString() };
    await store
      .set(key, entry)
      .catch((error: unknown) => logger.warn({ err: error, key }, "summary cache write failed"));
    return {
      tldr: answer.tldr,
      bullets: answer.bullets,
      origin: "llm",
      label: LABELS.llm(model),
    } satisfies Summary;
  };

  /** Runs `produce` under the deadline; on timeout the LLM request is aborted and the fallback returned. */
  const flight = async (paper: Paper, key: string, template: PromptTemplate): Promise<Summary> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<{ late: true }>((resolve) => {
      timer = setTimeout(() => resolve({ late: true }), timeoutMs);
    });
    try {
      const work = produce(paper, key, template, controller.signal).catch((error: unknown) => String(error));
      const outcome = await Promise.race([work, deadline]);
      if (typeof outcome === "string") return fallback(paper, outcome);
      if ("late" in outcome) {
        controller.abort();
        return fallback(paper, `no answer within ${timeoutMs} ms`);
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async summarize(paper) {
      const template = await loadTemplate();
      if (!template) return fallback(paper, "prompt unavailable");
      const key = summaryCacheKey(template.hash, model, paper);
      // No await between this lookup and the set below, so concurrent callers cannot both miss.
      const existing = flights.get(key);
      if (existing) return existing;
      const started = flight(paper, key, template).finally(() => flights.delete(key));
      flights.set(key, started);
      return started;
    },
    async cached(paper) {
      const template = await loadTemplate();
      if (!template) return undefined;
      return readCounted(summaryCacheKey(template.hash, model, paper));
    },
    usage: () => ({ ...totals }),
  };
}

/** Keeps untrusted text from closing the prompt's <paper> delimiter early. */
function asData(text: string): string {
  return text.replace(/<\/?\s*paper\s*>/gi, "");
}
