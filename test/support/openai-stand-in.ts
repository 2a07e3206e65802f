// A local OpenAI-compatible Chat Completions server for tests and the bench: real HTTP, scripted failures, call counts.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encode, encodeChat } from "gpt-tokenizer/encoding/o200k_base";
import {
  answerEmbeddings,
  type EmbeddingsRequestBody,
  type EmbeddingsState,
  hashedWords,
} from "./embeddings-stand-in.ts";

/** How the stand-in answers one request. */
export type StandInMode =
  | { kind: "ok" }
  | { kind: "slow"; delayMs: number }
  | { kind: "rate_limited"; retryAfter: string }
  | { kind: "server_error"; status?: number }
  | { kind: "bad_request" }
  | { kind: "hang" }
  | { kind: "garbage" };

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: "system" | "user" | "assistant"; content: string }>;
  response_format?: { type: string };
  [key: string]: unknown;
}

/** Makes the assistant's content for an `ok`/`slow` request. */
export type Responder = (request: ChatRequestBody) => string;

export interface OpenAiStandIn {
  /** Pass as the SDK's `baseURL`. */
  readonly baseURL: string;
  /** POST /v1/chat/completions requests received, in order. */
  readonly requests: ChatRequestBody[];
  /** Number of chat completion requests received. */
  readonly calls: number;
  /** Most requests that were being answered at the same time. */
  readonly maxInFlight: number;
  /** Mode for every request once the queue is empty. */
  setMode(mode: StandInMode): void;
  /** One-shot modes used, in order, before the default mode. */
  queue(...modes: StandInMode[]): void;
  /** Replaces how `ok` answers are written. */
  setResponder(responder: Responder): void;
  /** POST /v1/embeddings: requests received, the function that makes vectors, an error to answer with. */
  readonly embeddings: EmbeddingsState;
  close(): Promise<void>;
}

/** A plausible summary answer built from the request's title. */
export const defaultResponder: Responder = (request) => {
  const user = request.messages.find((message) => message.role === "user")?.content ?? "";
  const title = /Title: (.*)/.exec(user)?.[1]?.trim() ?? "the paper";
  return JSON.stringify({
    tldr: `The paper "${title}" proposes a simple regularizer that improves generalization on standard benchmarks.`,
    problem: "Models overfit when training data is limited.",
    method: "A penalty on the loss that favours smoother solutions.",
    result: "Better test accuracy than strong baselines on three benchmarks.",
  });
};

/** Starts the stand-in on 127.0.0.1 with an OS-chosen port. */
export async function startOpenAiStandIn(responder: Responder = defaultResponder): Promise<OpenAiStandIn> {
  const requests: ChatRequestBody[] = [];
  const pending: StandInMode[] = [];
  let mode: StandInMode = { kind: "ok" };
  let respond = responder;
  let inFlight = 0;
  let maxInFlight = 0;

  const embeddings: EmbeddingsState = { requests: [], embed: hashedWords };
  const server = createServer(async (req, res) => {
    if (req.method === "POST" && req.url === "/v1/embeddings")
      return answerEmbeddings(embeddings, JSON.parse(await readBody(req)) as EmbeddingsRequestBody, res);
    if (req.method !== "POST" || req.url !== "/v1/chat/completions")
      return sendJson(res, 404, apiError("Not found"));
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    requests.push(body);
    const current = pending.shift() ?? mode;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    switch (current.kind) {
      case "hang":
        return; // never answers; the client must time out
      case "rate_limited":
        res.setHeader("retry-after", current.retryAfter);
        return sendJson(res, 429, apiError("Rate limit reached", "rate_limit_exceeded"));
      case "server_error":
        return sendJson(res, current.status ?? 500, apiError("The server had an error", "server_error"));
      case "bad_request":
        return sendJson(res, 400, apiError("Invalid request", "invalid_request_error"));
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, current.delayMs));
        if (res.destroyed) return;
        return sendJson(res, 200, completion(body, respond(body)));
      case "garbage":
        return sendJson(
          res,
          200,
          completion(body, "Sure! This paper is about regularization, it is very good."),
        );
      case "ok":
        return sendJson(res, 200, completion(body, respond(body)));
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddings,
    get calls() {
      return requests.length;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setMode: (next) => {
      mode = next;
    },
    queue: (...modes) => {
      pending.push(...modes);
    },
    setResponder: (next) => {
      respond = next;
    },
    close: async () => {
      // Hanging requests would keep close() waiting forever.
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** The Chat Completions response format, with `usage` counted by o200k like OpenAI's own models. */
function completion(request: ChatRequestBody, content: string) {
  const promptTokens = encodeChat(request.messages, "gpt-4o").length;
  const completionTokens = encode(content).length;
  return {
    id: `chatcmpl-standin-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

function apiError(message: string, type = "invalid_request_error") {
  return { error: { message, type, param: null, code: null } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}
