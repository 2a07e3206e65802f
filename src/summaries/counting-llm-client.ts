// Wraps an LlmClient to keep running token totals for every caller (summaries, discussions), for /metrics.
import type { LlmClient, LlmUsage } from "./llm-client.ts";

export interface LlmTotals extends LlmUsage {
  calls: number;
  failures: number;
}

export interface CountingLlmClient extends LlmClient {
  totals(): LlmTotals;
}

export function countingLlmClient(inner: LlmClient): CountingLlmClient {
  const totals: LlmTotals = { calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
  return {
    async complete(messages, options) {
      totals.calls += 1;
      try {
        const completion = await inner.complete(messages, options);
        totals.promptTokens += completion.usage.promptTokens;
        totals.completionTokens += completion.usage.completionTokens;
        return completion;
      } catch (error) {
        totals.failures += 1;
        throw error;
      }
    },
    totals: () => ({ ...totals }),
  };
}
