// The OpenAI-SDK LlmClient's retry, timeout and concurrency rules, proven against the local stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import type { LlmClient } from "../../src/summaries/llm-client.ts";
import {
  createOpenAiLlmClient,
  type OpenAiLlmClientOptions,
  retryAfterMs,
} from "../../src/summaries/openai-llm-client.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const HELLO = [{ role: "user" as const, content: "Say hello as JSON." }];

let standIn: OpenAiStandIn;
beforeEach(async () => {
  standIn = await startOpenAiStandIn(() => '{"hello":"world"}');
});
afterEach(() => standIn.close());

function client(options: Partial<OpenAiLlmClientOptions> = {}): LlmClient {
  return createOpenAiLlmClient({
    apiKey: "sk-test",
    baseURL: standIn.baseURL,
    model: "gpt-4o-mini",
    baseRetryDelayMs: 20,
    logger: silentLogger(),
    ...options,
  });
}

describe("OpenAI-compatible LLM client", () => {
  it("returns the answer text and the usage the server reported", async () => {
    const result = await client().complete(HELLO, { json: true });
    expect(result.text).toBe('{"hello":"world"}');
    expect(result.usage.promptTokens).toBeGreaterThan(5);
    expect(result.usage.completionTokens).toBe(5);
    expect(standIn.requests[0]).toMatchObject({
      model: "gpt-4o-mini",
      response_format: { type: "json_object" },
    });
  });

  it("honours Retry-After on a 429 before retrying", async () => {
    standIn.queue({ kind: "rate_limited", retryAfter: "1" });
    const started = Date.now();
    await client().complete(HELLO);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(standIn.calls).toBe(2);
  });

  it("retries 5xx with backoff and succeeds when the server recovers", async () => {
    standIn.queue({ kind: "server_error", status: 502 }, { kind: "server_error", status: 500 });
    await expect(client({ maxRetries: 2 }).complete(HELLO)).resolves.toMatchObject({
      text: '{"hello":"world"}',
    });
    expect(standIn.calls).toBe(3);
  });

  it("gives up after maxRetries with an llm_unavailable error", async () => {
    standIn.setMode({ kind: "server_error" });
    await expect(client({ maxRetries: 1 }).complete(HELLO)).rejects.toMatchObject({
      code: "llm_unavailable",
      message: expect.stringContaining("HTTP 500"),
    });
    expect(standIn.calls).toBe(2);
  });

  it("does not retry a 4xx other than 429", async () => {
    standIn.setMode({ kind: "bad_request" });
    await expect(client({ maxRetries: 3 }).complete(HELLO)).rejects.toMatchObject({
      code: "llm_unavailable",
    });
    expect(standIn.calls).toBe(1);
  });

  it("does not wait for a Retry-After longer than its limit", async () => {
    standIn.queue({ kind: "rate_limited", retryAfter: "120" });
    const started = Date.now();
    await expect(client({ maxRetryDelayMs: 5_000 }).complete(HELLO)).rejects.toMatchObject({
      code: "llm_unavailable",
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(standIn.calls).toBe(1);
  });

  it("times a hanging request out after timeoutMs without retrying it", async () => {
    standIn.setMode({ kind: "hang" });
    const started = Date.now();
    await expect(client({ timeoutMs: 300 }).complete(HELLO)).rejects.toMatchObject({
      message: expect.stringContaining("timed out"),
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(standIn.calls).toBe(1);
  });

  it("stops at once when the caller aborts, even during a retry wait", async () => {
    standIn.setMode({ kind: "server_error" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    await expect(
      client({ baseRetryDelayMs: 10_000 }).complete(HELLO, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: "llm_unavailable" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("runs at most maxConcurrency requests at once", async () => {
    standIn.setMode({ kind: "slow", delayMs: 60 });
    const llm = client({ maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, () => llm.complete(HELLO)));
    expect(standIn.calls).toBe(10);
    expect(standIn.maxInFlight).toBe(3);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds, milliseconds and HTTP dates", () => {
    const now = Date.parse("2025-01-06T09:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), now)).toBe(2_000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 06 Jan 2025 09:00:03 GMT" }), now)).toBe(3_000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
