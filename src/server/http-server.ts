// The one HTTP server: Slack's /slack/events (Bolt's request listener), /healthz, /metrics, and the playground.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import type { Metrics } from "./metrics.ts";

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  metrics: Metrics;
  /** Bolt's HTTPReceiver.requestListener, mounted at /slack/events in HTTP mode. */
  slackListener?: RequestListener;
  /** Extra routes (the playground) tried before 404. Return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Whether the service is ready; /healthz answers 503 until it is. */
  isHealthy?: () => boolean | Promise<boolean>;
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

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/slack/events" && options.slackListener) return options.slackListener(req, res);
      if (path === "/healthz" && req.method === "GET") {
        const healthy = options.isHealthy ? await options.isHealthy() : true;
        res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
        return res.end(JSON.stringify({ ok: healthy }));
      }
      if (path === "/metrics" && req.method === "GET" && fromLoopback(req)) {
        res.writeHead(200, { "content-type": options.metrics.registry.contentType });
        return res.end(await options.metrics.registry.metrics());
      }
      if (options.extraRoutes && (await options.extraRoutes(req, res))) return;
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    } catch (error) {
      options.logger.error({ err: error }, "HTTP request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
