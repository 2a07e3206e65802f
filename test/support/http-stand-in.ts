// A tiny local HTTP server that stands in for an external service in tests: fixed routes, counted requests.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the stand-in saw it. */
export interface StandInRequest {
  method: string;
  /** Path without the query string, e.g. `/api/daily_papers`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** What a route answers. `delayMs` holds the whole response back (to trip a client's timeout). */
export interface StandInResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  delayMs?: number;
}

/** A fixed response, or a function of the request (count calls, vary by query, fail once…). */
export type StandInRoute =
  | StandInResponse
  | ((request: StandInRequest) => StandInResponse | Promise<StandInResponse>);

export interface HttpStandIn {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** Every request received, oldest first. */
  requests: StandInRequest[];
  /** How many requests had a path starting with `pathPrefix` (all requests without one). */
  count(pathPrefix?: string): number;
  /** Adds or replaces the route for a path prefix; the longest matching prefix answers. */
  setRoute(pathPrefix: string, route: StandInRoute): void;
  /** Stops the server, dropping open connections and pending slow responses. */
  close(): Promise<void>;
}

/**
 * Starts a stand-in on 127.0.0.1 with an OS-chosen port. `routes` maps path prefixes to
 * responses; a request no route matches gets a 404.
 *
 *     const hf = await startHttpStandIn({ "/api/daily_papers": fixture("hf-daily-papers.json") });
 *     hf.setRoute("/api/papers/", status(503));
 *     … createHfClient({ baseUrl: hf.url }) …
 *     await hf.close();
 */
export async function startHttpStandIn(routes: Record<string, StandInRoute> = {}): Promise<HttpStandIn> {
  const table = new Map(Object.entries(routes));
  const requests: StandInRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? "/", "http://stand-in");
    const request: StandInRequest = {
      method: req.method ?? "GET",
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    const prefix = [...table.keys()]
      .filter((key) => request.path.startsWith(key))
      .sort((a, b) => b.length - a.length)[0];
    const route = prefix === undefined ? undefined : table.get(prefix);
    let response: StandInResponse;
    try {
      response =
        route === undefined
          ? { status: 404, body: "no route" }
          : typeof route === "function"
            ? await route(request)
            : route;
    } catch (error) {
      response = { status: 500, body: `stand-in route failed: ${String(error)}` };
    }
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(response.status ?? 200, response.headers);
      res.end(response.body ?? "");
    };
    if (!response.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, response.delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (pathPrefix = "") => requests.filter((request) => request.path.startsWith(pathPrefix)).length,
    setRoute: (pathPrefix, route) => {
      table.set(pathPrefix, route);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // Keep-alive sockets (fetch keeps them) would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

const FIXTURES = new URL("../fixtures/", import.meta.url);

/** The text of `test/fixtures/NAME`. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

/** A 200 serving `test/fixtures/NAME`, with a content type from its extension. */
export function fixture(name: string): StandInResponse {
  const type = name.endsWith(".json")
    ? "application/json"
    : name.endsWith(".xml")
      ? "application/atom+xml; charset=utf-8"
      : "text/plain; charset=utf-8";
  return { status: 200, headers: { "content-type": type }, body: readFixture(name) };
}

/** A JSON response. */
export function json(value: unknown, statusCode = 200): StandInResponse {
  return { status: statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

/** A bare status with optional headers and body, e.g. `status(429, { "retry-after": "7" })`. */
export function status(code: number, headers: Record<string, string> = {}, body = ""): StandInResponse {
  return { status: code, headers, body };
}

/** `response`, held back for `ms` milliseconds. */
export function slow(ms: number, response: StandInResponse): StandInResponse {
  return { ...response, delayMs: ms };
}
