// The one HTTP server: Slack's /slack/events (Bolt's request listener), /healthz, /readyz, /metrics, the playground.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import { MAX_SLACK_BODY_BYTES } from "./body-limit.ts";
import type { Metrics } from "./metrics.ts";

/** What /healthz reports: ok, or the reason it is not. */
export type HealthReport = { ok: true } | { ok: false; reason: string };

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  metrics: Metrics;
  /** Bolt's HTTPReceiver.requestListener, mounted at /slack/events in HTTP mode. */
  slackListener?: RequestListener;
  /** Extra routes (the playground) tried before 404. Return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Whether the bot can do its work now (its store answers, its index opens); /healthz answers 503 otherwise. */
  checkHealth?: () => Promise<HealthReport>;
  /** Whether the start-up work is done; /readyz answers 503 until it is (and while unhealthy). */
  isReady?: () => boolean;
  /** Serve /metrics here only on loopback (the default), or not at all (it has its own port). */
  metricsHere?: "loopback" | "none";
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Operator endpoints answer only on loopback when the server is exposed to the internet for Slack. */
function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

/** The Prometheus text of `metrics`. */
export async function serveMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  res.writeHead(200, { "content-type": metrics.registry.contentType });
  res.end(await metrics.registry.metrics());
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const health = async (): Promise<HealthReport> => {
    try {
      return options.checkHealth ? await options.checkHealth() : { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  };
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/slack/events" && options.slackListener) {
        // A browser or a probe GETs it; only Slack POSTs. Not an error worth more than a debug line.
        if (req.method !== "POST") {
          options.logger.debug({ method: req.method, path }, "not a POST to /slack/events: 405");
          return sendJson(res, 405, { error: "method_not_allowed" }, { allow: "POST" });
        }
        if (Number(req.headers["content-length"] ?? 0) > MAX_SLACK_BODY_BYTES) {
          options.logger.debug({ bytes: req.headers["content-length"] }, "Slack request body too large: 413");
          res.setHeader("connection", "close");
          // Nothing of the body is kept, but it is read (and dropped) before the answer closes the connection:
          // closing a socket with unread data makes the kernel reset it, and the sender may then never see the
          // 413 (3 of 330 oversized requests in one reliability run). A sender that stops is dropped as usual.
          req.resume();
          req.once("end", () =>
            sendJson(res, 413, { error: "payload_too_large", limit: MAX_SLACK_BODY_BYTES }),
          );
          return;
        }
        return options.slackListener(req, res);
      }
      if (path === "/healthz" && req.method === "GET") {
        const report = await health();
        return sendJson(res, report.ok ? 200 : 503, report);
      }
      if (path === "/readyz" && req.method === "GET") {
        const ready = options.isReady ? options.isReady() : true;
        const report = ready ? await health() : { ok: false, reason: "starting" };
        return sendJson(res, report.ok ? 200 : 503, report);
      }
      if (
        path === "/metrics" &&
        req.method === "GET" &&
        options.metricsHere !== "none" &&
        fromLoopback(req)
      ) {
        return await serveMetrics(res, options.metrics);
      }
      if (options.extraRoutes && (await options.extraRoutes(req, res))) return;
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    } catch (error) {
      options.logger.error({ err: error, method: req.method, url: req.url }, "HTTP request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    }
  });
  return await listen(server, options.host, options.port);
}

/** A server on its own port that answers only GET /metrics (METRICS_PORT). */
export async function startMetricsServer(options: {
  host: string;
  port: number;
  metrics: Metrics;
  logger: Logger;
}): Promise<RunningServer> {
  const server = createServer(async (req, res) => {
    try {
      if ((req.url ?? "/").split("?")[0] === "/metrics" && req.method === "GET") {
        return await serveMetrics(res, options.metrics);
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    } catch (error) {
      options.logger.error({ err: error }, "metrics request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    }
  });
  return await listen(server, options.host, options.port);
}

async function listen(server: Server, host: string, port: number): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    server,
    url: `http://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
