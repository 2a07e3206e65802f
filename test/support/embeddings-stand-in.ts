// The /v1/embeddings half of the OpenAI stand-in: the real request and response shapes, scripted vectors.
import type { ServerResponse } from "node:http";

export interface EmbeddingsRequestBody {
  model: string;
  input: string | string[];
  encoding_format?: "float" | "base64";
  [key: string]: unknown;
}

/** Turns one input text into its vector (any length; the client normalizes). */
export type EmbedFunction = (text: string) => number[];

/**
 * A default "model": each word (lower-cased, letters only) lands in one of 64 buckets, so texts sharing
 * words are close. Tests that need meaning supply their own function (e.g. word groups as concepts).
 */
export const hashedWords: EmbedFunction = (text) => {
  const vector = new Array<number>(64).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    vector[h % 64] = (vector[h % 64] ?? 0) + 1;
  }
  return vector;
};

export interface EmbeddingsState {
  requests: EmbeddingsRequestBody[];
  embed: EmbedFunction;
  /** Answer with this HTTP error instead of vectors (e.g. 500), until cleared. */
  failWith?: number | undefined;
  /** Answer this much later (a slow server). */
  delayMs?: number | undefined;
}

/** Answers one POST /v1/embeddings like the OpenAI API (floats, or base64 Float32 when asked). */
export async function answerEmbeddings(
  state: EmbeddingsState,
  body: EmbeddingsRequestBody,
  res: ServerResponse,
): Promise<void> {
  state.requests.push(body);
  if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
  if (res.destroyed) return;
  if (state.failWith) {
    res.writeHead(state.failWith, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { message: "The server had an error", type: "server_error", param: null, code: null },
      }),
    );
    return;
  }
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const data = inputs.map((text, index) => {
    const vector = state.embed(text);
    const embedding =
      body.encoding_format === "base64"
        ? Buffer.from(Float32Array.from(vector).buffer).toString("base64")
        : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  );
}
