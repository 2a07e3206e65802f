// One GET helper for every paper source: a timeout, a User-Agent, and failures mapped to coded errors.
import { type ErrorCode, PaperboyError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { parseRetryAfterMs } from "../../retry-after.ts";

/** Sent with every request, so source operators can see who is calling (arXiv asks for this). */
export const USER_AGENT = "paperboy/0.1 (+https://github.com/paperboy)";

/** The fetch signature the adapters accept: the global fetch, undici's, or a test double. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpGetOptions {
  /** Whole-request budget, headers and body included. */
  timeoutMs: number;
  /** Defaults to the global fetch (undici in Node 20). */
  fetch?: FetchLike;
  /** The caller's own cancellation; aborting it rethrows its reason rather than a source error. */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Human name for error details ("Hugging Face", "arXiv"); defaults to the URL's host. */
  source?: string;
  logger?: Logger;
}

/**
 * What `httpGet` throws: a `PaperboyError` (so the one error sink renders it) that also keeps the
 * facts a caller may act on. `status` is absent for timeouts and network failures;
 * `retryAfterSeconds` is set when a 429/503 carried a usable `Retry-After` header; `body` keeps
 * the start of a non-2xx response (arXiv says `Rate exceeded.` in it).
 */
export class SourceError extends PaperboyError {
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly body?: string;

  constructor(
    code: ErrorCode,
    detail: string,
    facts: { status?: number; retryAfterSeconds?: number; body?: string; cause?: unknown } = {},
  ) {
    super(code, detail, { cause: facts.cause });
    this.name = "SourceError";
    if (facts.status !== undefined) this.status = facts.status;
    if (facts.retryAfterSeconds !== undefined) this.retryAfterSeconds = facts.retryAfterSeconds;
    if (facts.body !== undefined) this.body = facts.body;
  }
}

// How much of an error body to keep: enough for arXiv's one-line messages, not a whole HTML page.
const ERROR_BODY_CHARS = 500;

/**
 * GETs `url` and returns the body as text. Throws `SourceError` with code `source_timeout`
 * (no complete answer within `timeoutMs`), `source_rate_limited` (429), `source_unreachable`
 * (network failure or 5xx) or `source_bad_response` (any other non-2xx).
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const source = options.source ?? safeHost(url);
  const where = describeUrl(url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = Date.now();
  try {
    const response = await doFetch(url, {
      method: "GET",
      headers: { "user-agent": USER_AGENT, ...options.headers },
      signal,
      redirect: "follow",
    });
    // Reading the body is inside the same try: a body that trickles in past the timeout aborts too.
    const body = await response.text();
    options.logger?.debug({ url, status: response.status, ms: Date.now() - started }, "source request");
    if (response.ok) return body;
    throw statusError(source, where, response, body);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) {
      throw new SourceError(
        "source_timeout",
        `${source} did not answer within ${options.timeoutMs} ms (${where}).`,
        {
          cause: error,
        },
      );
    }
    throw new SourceError(
      "source_unreachable",
      `${source} could not be reached (${where}): ${reasonOf(error)}.`,
      {
        cause: error,
      },
    );
  }
}

function statusError(source: string, where: string, response: Response, body: string): SourceError {
  const status = response.status;
  const label = `${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const facts: { status: number; body: string; retryAfterSeconds?: number } = {
    status,
    body: body.slice(0, ERROR_BODY_CHARS),
  };
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  if (retryAfter !== undefined && (status === 429 || status === 503)) facts.retryAfterSeconds = retryAfter;
  if (status === 429) {
    const wait = retryAfter === undefined ? "" : `; retry after ${retryAfter} s`;
    return new SourceError(
      "source_rate_limited",
      `${source} answered HTTP ${label} (${where})${wait}.`,
      facts,
    );
  }
  const code = status >= 500 ? "source_unreachable" : "source_bad_response";
  return new SourceError(code, `${source} answered HTTP ${label} (${where}).`, facts);
}

/** `Retry-After` in whole seconds (rounded up), as SourceError reports it. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const ms = parseRetryAfterMs(value, now);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "a paper source";
  }
}

// Host and path only: enough to tell which call failed, without a long query string in a Slack message.
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `GET ${parsed.host}${parsed.pathname}`;
  } catch {
    return "GET (invalid URL)";
  }
}

// undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}` : cause.message;
  }
  return error.message;
}
