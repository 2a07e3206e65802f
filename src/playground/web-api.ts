// Serves `<url>/api/<method>` the way WebClient expects: parse, scripted failures, auth, rate limit, validate, answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { PayloadProblem } from "./check-blocks.ts";
import type { ChannelRateLimiter, FailureScript, InjectedFailure } from "./failure-injection.ts";
import type { CallRecord, RejectedPayload } from "./stand-in-types.ts";
import { checkSlackPayload, formatProblem } from "./validate-slack-payload.ts";
import { type ApiResult, type Params, WEB_API_METHODS, type WebApiContext } from "./web-api-methods.ts";

/** Everything the Web API endpoint reads and records. */
export interface WebApiDeps {
  ctx: WebApiContext;
  tokens: { bot: string; app: string };
  failures: FailureScript;
  /** The chat.postMessage limiter, when rate-limit mode is on. */
  rateLimiter: () => ChannelRateLimiter | undefined;
  onCall: (record: CallRecord) => void;
  onRejected: (record: RejectedPayload) => void;
}

// Nested fields WebClient JSON-stringifies inside form fields, and the error Slack gives when one is not JSON.
const NESTED_FIELDS: Record<string, string> = {
  blocks: "invalid_blocks_format",
  attachments: "invalid_attachments",
  metadata: "invalid_metadata_format",
  unfurls: "invalid_unfurls_format",
  files: "invalid_arguments",
  view: "invalid_arguments",
  user_auth_blocks: "invalid_blocks_format",
};
const VALIDATED = new Set([
  "chat.postMessage",
  "chat.postEphemeral",
  "chat.update",
  "chat.unfurl",
  "views.publish",
]);
const ERROR_PRIORITY = ["unsafe_text", "invalid_blocks", "no_text", "msg_too_long", "invalid_arguments"];
// Slack's answers to a bad or wrong-kind token.
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

interface Answer {
  status: number;
  body: ApiResult | string;
  headers?: Record<string, string>;
}

/** Reads the whole request body (WebClient bodies are small; 10 MB cap like a sane proxy). */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a Web API request into params (nested JSON decoded) and the token it carries. */
export function parseApiRequest(
  req: IncomingMessage,
  body: string,
): { params: Params; token?: string; badField?: string } {
  const url = new URL(req.url ?? "/", "http://stand-in");
  const params: Params = Object.fromEntries(url.searchParams);
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("application/json") && body.trim() !== "") {
    Object.assign(params, JSON.parse(body) as Params);
  } else if (body !== "") {
    for (const [key, value] of Object.entries(parseQuery(body)))
      params[key] = Array.isArray(value) ? value[0] : value;
  }
  let badField: string | undefined;
  for (const field of Object.keys(NESTED_FIELDS)) {
    const value = params[field];
    if (typeof value !== "string") continue;
    try {
      params[field] = JSON.parse(value);
    } catch {
      badField ??= field;
    }
  }
  const auth = req.headers.authorization;
  const bearer = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : undefined;
  const token = bearer || (typeof params.token === "string" ? params.token : undefined);
  return { params, ...(token ? { token } : {}), ...(badField ? { badField } : {}) };
}

/** Handles one `POST /api/<method>` request end to end. */
export async function handleWebApiRequest(
  deps: WebApiDeps,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  let parsed: ReturnType<typeof parseApiRequest>;
  try {
    parsed = parseApiRequest(req, body);
  } catch {
    return send(res, { status: 200, body: { ok: false, error: "invalid_json" } });
  }
  const { params, token } = parsed;
  let answer = await answerCall(deps, method, parsed);
  if (answer === undefined) answer = { status: 200, body: { ok: false, error: "unknown_method" } };
  deps.onCall({
    method,
    params,
    ...(token ? { token } : {}),
    status: answer.status,
    response: answer.body,
    at: deps.ctx.now(),
  });
  send(res, answer);
}

async function answerCall(
  deps: WebApiDeps,
  method: string,
  parsed: ReturnType<typeof parseApiRequest>,
): Promise<Answer | undefined> {
  const injected = deps.failures.take(method);
  if (injected?.kind === "hold") {
    const answer = answerNormally(deps, method, parsed);
    await injected.until.catch(() => {});
    return answer;
  }
  if (injected?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, injected.ms));
  else if (injected) return injectedAnswer(injected);
  return answerNormally(deps, method, parsed);
}

/** Auth, validation, the rate limit, then the method itself: what Slack does with a call nothing was scripted for. */
function answerNormally(
  deps: WebApiDeps,
  method: string,
  { params, token, badField }: ReturnType<typeof parseApiRequest>,
): Answer | undefined {
  const authError = checkToken(deps, method, token);
  if (authError) return { status: 200, body: { ok: false, error: authError } };

  const handler = WEB_API_METHODS[method];
  if (!handler) return undefined;
  if (badField) {
    const rejection = {
      error: NESTED_FIELDS[badField] ?? "invalid_arguments",
      errors: [`${badField} is not JSON`],
    };
    deps.onRejected({ method, payload: params, ...rejection, at: deps.ctx.now() });
    return { status: 200, body: { ok: false, ...rejection } };
  }

  if (VALIDATED.has(method)) {
    const problems = checkSlackPayload(method, params);
    if (problems.length > 0) {
      const rejection = rejectionOf(problems);
      deps.onRejected({ method, payload: params, ...rejection, at: deps.ctx.now() });
      return { status: 200, body: { ok: false, ...rejection } };
    }
  }

  const limiter = deps.rateLimiter();
  if (limiter && method === "chat.postMessage" && typeof params.channel === "string") {
    const verdict = limiter.check(params.channel);
    if (!verdict.allowed)
      return injectedAnswer({ kind: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return { status: 200, body: handler(deps.ctx, params) };
}

/** The Slack error and `errors` strings for a list of problems: the most serious kind names the error. */
export function rejectionOf(problems: PayloadProblem[]): { error: string; errors: string[] } {
  const kinds = new Set(problems.map((problem) => problem.error));
  const error =
    ERROR_PRIORITY.find((kind) => kinds.has(kind as PayloadProblem["error"])) ?? "invalid_arguments";
  return { error, errors: problems.map(formatProblem) };
}

function checkToken(deps: WebApiDeps, method: string, token: string | undefined): string | undefined {
  if (!token) return "not_authed";
  const wantsAppToken = APP_TOKEN_METHODS.has(method);
  if (token === (wantsAppToken ? deps.tokens.app : deps.tokens.bot)) return undefined;
  if (token === deps.tokens.app || token === deps.tokens.bot) return "not_allowed_token_type";
  return "invalid_auth";
}

/** The HTTP answer for a scripted failure (also used for response URLs). */
export function injectedAnswer(failure: Exclude<InjectedFailure, { kind: "delay" | "hold" }>): Answer {
  switch (failure.kind) {
    case "http":
      return { status: failure.status, body: failure.body ?? "stand-in injected HTTP error" };
    case "error":
      return { status: 200, body: { ok: false, error: failure.error, ...failure.extra } };
    case "rate_limited":
      return {
        status: 429,
        body: { ok: false, error: "ratelimited" },
        headers: { "retry-after": String(failure.retryAfterSeconds) },
      };
  }
}

/** Writes an answer: JSON for objects, text otherwise. */
export function send(res: ServerResponse, answer: Answer): void {
  const isJson = typeof answer.body !== "string";
  res.writeHead(answer.status, {
    "content-type": isJson ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    ...answer.headers,
  });
  res.end(isJson ? JSON.stringify(answer.body) : answer.body);
}
