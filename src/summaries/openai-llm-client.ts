// LlmClient on the openai SDK's Chat Completions, for any OpenAI-compatible server (OpenAI, Ollama, vLLM, …).
import { setTimeout as sleep } from "node:timers/promises";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import PQueue from "p-queue";
import { PaperboyError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { parseRetryAfterMs } from "../retry-after.ts";
import type { ChatMessage, LlmClient, LlmCompleteOptions, LlmCompletion } from "./llm-client.ts";

export interface OpenAiLlmClientOptions {
  /** `OPENAI_API_KEY`; local servers accept any non-empty string. */
  apiKey: string;
  /** `OPENAI_BASE_URL`, e.g. `http://localhost:11434/v1` for Ollama; default `https://api.openai.com/v1`. */
  baseURL?: string;
  /** `OPENAI_MODEL`. */
  model: string;
  /** Per attempt; a slow server fails the attempt rather than holding the caller. Default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once, across all callers. Default 4. */
  maxConcurrency?: number;
  /** Retries after a 429, a 5xx or a dropped connection. Default 2. */
  maxRetries?: number;
  /** First backoff delay when the server gives no Retry-After; doubles per retry. Default 500 ms. */
  baseRetryDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails instead. Default 30 s. */
  maxRetryDelayMs?: number;
  logger: Logger;
}

/**
 * Builds the client. The SDK's own retries are switched off (`maxRetries: 0`) because they also retry
 * 408/409 and timeouts and their waits cannot be aborted; this client retries 429 and 5xx only,
 * honouring `Retry-After` / `retry-after-ms`, and never retries another 4xx.
 */
export function createOpenAiLlmClient(options: OpenAiLlmClientOptions): LlmClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.baseRetryDelayMs ?? 500;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const { logger, model } = options;
  const sdk = new OpenAI({
    apiKey: options.apiKey,
    // Passed explicitly so the SDK never falls back to reading OPENAI_BASE_URL / OPENAI_LOG itself.
    baseURL: options.baseURL ?? "https://api.openai.com/v1",
    maxRetries: 0,
    timeout: timeoutMs,
    logger: logger.child({ component: "openai-sdk" }),
    logLevel: "warn",
  });
  // A call waiting for a slot is dropped from the queue when its signal aborts.
  const slots = new PQueue({ concurrency: options.maxConcurrency ?? 4 });

  const attempt = async (messages: ChatMessage[], opts: LlmCompleteOptions): Promise<LlmCompletion> => {
    const response = await sdk.chat.completions.create(
      { model, messages, ...(opts.json ? { response_format: { type: "json_object" as const } } : {}) },
      opts.signal ? { signal: opts.signal } : {},
    );
    return {
      text: response.choices[0]?.message?.content ?? "",
      usage: {
        promptTokens: response.usage?.prompt_tokens ?? 0,
        completionTokens: response.usage?.completion_tokens ?? 0,
      },
    };
  };

  return {
    async complete(messages, opts = {}) {
      for (let retry = 0; ; retry++) {
        try {
          return await slots.add(() => attempt(messages, opts), opts.signal ? { signal: opts.signal } : {});
        } catch (error) {
          const delay = retryDelayMs(error, retry, baseDelay);
          if (delay === undefined || retry >= maxRetries || delay > maxDelay || opts.signal?.aborted) {
            throw toLlmError(error, model, opts.signal?.aborted);
          }
          logger.warn(
            { model, status: statusOf(error), retryInMs: Math.round(delay) },
            "LLM call failed, retrying",
          );
          try {
            await sleep(delay, undefined, opts.signal ? { signal: opts.signal } : {});
          } catch {
            throw toLlmError(error, model, opts.signal?.aborted);
          }
        }
      }
    },
  };
}

/** How long to wait before retrying `error`, or undefined when it must not be retried. */
export function retryDelayMs(error: unknown, retry: number, baseDelayMs: number): number | undefined {
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return undefined;
  const backoff = () => baseDelayMs * 2 ** retry * (0.75 + Math.random() * 0.25);
  if (error instanceof APIConnectionError) return backoff();
  if (!(error instanceof APIError) || error.status === undefined) return undefined;
  if (error.status !== 429 && error.status < 500) return undefined;
  return retryAfterMs(error.headers) ?? backoff();
}

/** OpenAI's own `retry-after-ms` when sent, else the standard `Retry-After`. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const millis = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(millis) && millis >= 0) return millis;
  return parseRetryAfterMs(headers?.get("retry-after"), now);
}

function statusOf(error: unknown): number | undefined {
  return error instanceof APIError ? error.status : undefined;
}

function toLlmError(error: unknown, model: string, cancelled = false): PaperboyError {
  if (error instanceof PaperboyError) return error;
  const status = statusOf(error);
  const what =
    error instanceof APIConnectionTimeoutError
      ? "timed out"
      : error instanceof APIUserAbortError || cancelled
        ? "was cancelled"
        : status
          ? `answered HTTP ${status}`
          : "could not be reached";
  return new PaperboyError("llm_unavailable", `The LLM (${model}) ${what}.`, { cause: error });
}
