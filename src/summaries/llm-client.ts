// The narrow interface every LLM backend implements: chat messages in, text and token usage out.

/** One chat message, as Chat Completions takes it. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Tokens a call consumed, as the server reported them (0 when it reports none). */
export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmCompletion {
  text: string;
  usage: LlmUsage;
}

export interface LlmCompleteOptions {
  /** Ask the server for a JSON object answer (`response_format: json_object`). */
  json?: boolean;
  /** Aborts the call, including any wait for a retry or a concurrency slot. */
  signal?: AbortSignal;
}

/** An LLM that completes a chat; throws `llm_unavailable` when it cannot. */
export interface LlmClient {
  complete(messages: ChatMessage[], options?: LlmCompleteOptions): Promise<LlmCompletion>;
}
