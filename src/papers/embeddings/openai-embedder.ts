// Embeddings from any OpenAI-compatible /v1/embeddings server (OpenAI, Ollama, vLLM, llama.cpp), via the openai SDK.
import { PaperboyError } from "../../errors.ts";
import { type Embedder, normalize } from "./embedder.ts";

export interface OpenAiEmbedderOptions {
  /** `OPENAI_EMBEDDING_MODEL`, e.g. `text-embedding-3-small` or `nomic-embed-text`. */
  model: string;
  /** `OPENAI_API_KEY`; local servers accept any non-empty string. */
  apiKey: string;
  /** `OPENAI_BASE_URL`; default the SDK's (api.openai.com/v1). */
  baseURL?: string;
  /** Per request (default 20 s). */
  timeoutMs?: number;
  /** Weight of its ranking fused with BM25's (default 1: plain reciprocal rank fusion). */
  searchWeight?: number;
}

/** An embedder over the server; the SDK is imported on the first call, so start-up does not pay for it. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  let client: Promise<import("openai").OpenAI> | undefined;
  const sdk = () => {
    client ??= import("openai").then(
      ({ OpenAI }) =>
        new OpenAI({
          apiKey: options.apiKey,
          // Passed explicitly so the SDK never falls back to reading OPENAI_BASE_URL itself.
          baseURL: options.baseURL ?? "https://api.openai.com/v1",
          timeout: options.timeoutMs ?? 20_000,
          maxRetries: 2,
        }),
    );
    return client;
  };
  return {
    // The server's model name is part of the key: vectors of two models are never compared.
    model: `openai:${options.model}`,
    searchWeight: options.searchWeight ?? 1,
    async embed(texts) {
      if (texts.length === 0) return [];
      const response = await (await sdk()).embeddings.create({
        model: options.model,
        input: texts,
        encoding_format: "float",
      });
      const out: Float32Array[] = [];
      for (const item of response.data) out[item.index] = normalize(Float32Array.from(item.embedding));
      if (out.length !== texts.length || out.some((v) => !v))
        throw new PaperboyError(
          "source_bad_response",
          "The embeddings server returned fewer vectors than texts.",
        );
      return out;
    },
  };
}
