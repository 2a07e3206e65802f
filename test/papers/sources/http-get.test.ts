// httpGet over real HTTP against a local stand-in: every failure becomes a coded SourceError.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPaperboyError } from "../../../src/errors.ts";
import { httpGet, parseRetryAfter, SourceError, USER_AGENT } from "../../../src/papers/sources/http-get.ts";
import { type HttpStandIn, slow, startHttpStandIn, status } from "../../support/http-stand-in.ts";

let standIn: HttpStandIn;

beforeAll(async () => {
  standIn = await startHttpStandIn({
    "/ok": { status: 200, body: "hello" },
    "/empty": { status: 200, body: "" },
    "/busy": status(429, { "retry-after": "7" }),
    "/busy-no-header": status(429),
    "/down": status(503, {}, "Service Unavailable"),
    "/broken": status(500),
    "/gone": status(404, {}, "not here"),
    "/slow": slow(2_000, { status: 200, body: "too late" }),
  });
});
afterAll(() => standIn.close());

async function failure(path: string, timeoutMs = 5_000): Promise<SourceError> {
  const error = await httpGet(`${standIn.url}${path}`, { timeoutMs, source: "Test source" }).catch((e) => e);
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe("httpGet", () => {
  it("returns the body of a 2xx response and sends paperboy's User-Agent", async () => {
    expect(await httpGet(`${standIn.url}/ok`, { timeoutMs: 1_000 })).toBe("hello");
    expect(standIn.requests.at(-1)?.headers["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^paperboy\/0\.1 \(\+https:\/\//);
  });

  it("returns an empty body as an empty string; judging it is the parser's job", async () => {
    expect(await httpGet(`${standIn.url}/empty`, { timeoutMs: 1_000 })).toBe("");
  });

  it("merges extra headers", async () => {
    await httpGet(`${standIn.url}/ok`, { timeoutMs: 1_000, headers: { accept: "application/json" } });
    expect(standIn.requests.at(-1)?.headers.accept).toBe("application/json");
  });

  it("maps 429 to source_rate_limited and keeps Retry-After in seconds", async () => {
    const error = await failure("/busy");
    expect(error.code).toBe("source_rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.detail).toContain("Test source");
    expect(error.detail).toContain("429");
    expect(isPaperboyError(error, "source_rate_limited")).toBe(true);
  });

  it("maps 429 without Retry-After to source_rate_limited with no retry hint", async () => {
    const error = await failure("/busy-no-header");
    expect(error.code).toBe("source_rate_limited");
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it.each([
    ["/down", 503],
    ["/broken", 500],
  ])("maps %s (HTTP %i) to source_unreachable naming the source and status", async (path, code) => {
    const error = await failure(path);
    expect(error.code).toBe("source_unreachable");
    expect(error.status).toBe(code);
    expect(error.detail).toMatch(new RegExp(`Test source answered HTTP ${code}`));
  });

  it("maps other non-2xx statuses to source_bad_response and keeps the start of the body", async () => {
    const error = await failure("/gone");
    expect(error.code).toBe("source_bad_response");
    expect(error.status).toBe(404);
    expect(error.body).toBe("not here");
  });

  it("maps a response slower than the timeout to source_timeout", async () => {
    const started = Date.now();
    const error = await failure("/slow", 200);
    expect(error.code).toBe("source_timeout");
    expect(error.status).toBeUndefined();
    expect(error.detail).toContain("200 ms");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("times out a body that trickles in after the headers", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200);
      res.write("part one…");
      const timer = setTimeout(() => res.end("…part two"), 2_000);
      res.on("close", () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await httpGet(`http://127.0.0.1:${port}/`, { timeoutMs: 200 }).catch((e) => e);
      expect(error.code).toBe("source_timeout");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("maps a refused connection to source_unreachable", async () => {
    const closed = await startHttpStandIn();
    const url = closed.url;
    await closed.close();
    const error = await httpGet(`${url}/anything`, { timeoutMs: 1_000, source: "Gone" }).catch((e) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe("source_unreachable");
    expect(error.detail).toContain("Gone could not be reached");
  });

  it("rethrows the caller's own abort rather than blaming the source", async () => {
    const controller = new AbortController();
    const pending = httpGet(`${standIn.url}/slow`, { timeoutMs: 5_000, signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const body = await httpGet("https://example.invalid/x", {
      timeoutMs: 1_000,
      fetch: async (url) => {
        calls.push(url);
        return new Response("stubbed");
      },
    });
    expect(body).toBe("stubbed");
    expect(calls).toEqual(["https://example.invalid/x"]);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
