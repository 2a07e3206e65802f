// The playground page's HTTP routes on the stand-in: the static page, its JSON API, and live updates (SSE).
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PageActivity } from "./page-activity.ts";
import { type PlaygroundDigests, pageApiRoutes } from "./page-api.ts";
import type { SlackStandIn } from "./slack-stand-in.ts";

/** The page's files: plain HTML, CSS and JS modules, read as they are (no build step). */
export const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "page");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};
// Images come from paper sources over https; everything else only from the stand-in itself.
const CSP =
  "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const MAX_SSE_CLIENTS = 32;

/** What the page asks of the bot beside the stand-in: digest schedules and running the next one now. */
export interface PageRoutesOptions {
  standIn: () => SlackStandIn | undefined;
  digests?: PlaygroundDigests;
}

/** A `routes` function for `startSlackStandIn`: `/` serves the page, `/page/*` its files, `/page-api/*` data. */
export function playgroundPageRoutes(options: PageRoutesOptions) {
  const activity = new PageActivity();
  const clients = new Set<ServerResponse>();
  let subscribed = false;
  const api = pageApiRoutes({ ...options, activity });

  function subscribe(standIn: SlackStandIn): void {
    if (subscribed) return;
    subscribed = true;
    standIn.onChange((change) => broadcast(JSON.stringify(change)));
    activity.onRecord(() => broadcast(JSON.stringify({ kind: "delivery" })));
  }

  function broadcast(data: string): void {
    for (const client of clients) client.write(`event: change\ndata: ${data}\n\n`);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (clients.size >= MAX_SSE_CLIENTS) {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("too many open pages\n");
      return;
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    res.write("retry: 1000\n\n");
    clients.add(res);
    // A comment now and then keeps proxies and the browser from dropping an idle stream.
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(keepAlive);
      clients.delete(res);
    });
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const standIn = options.standIn();
    if (!standIn) return false;
    subscribe(standIn);
    const path = new URL(req.url ?? "/", "http://page").pathname;
    if (req.method === "GET" && (path === "/" || path === "/index.html")) {
      return await serveFile(res, "index.html");
    }
    if (req.method === "GET" && path.startsWith("/page/")) {
      const name = path.slice("/page/".length);
      // Only plain file names from the page folder: no sub-paths, no dot files.
      return /^[\w-]+\.(js|css|svg|html)$/.test(name) ? await serveFile(res, name) : false;
    }
    if (req.method === "GET" && path === "/page-api/events") {
      events(req, res);
      return true;
    }
    if (path.startsWith("/page-api/")) return await api(standIn, req, res, path.slice("/page-api/".length));
    return false;
  };
}

async function serveFile(res: ServerResponse, name: string): Promise<boolean> {
  let body: Buffer;
  try {
    body = await readFile(join(PAGE_DIR, name));
  } catch {
    return false;
  }
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "cache-control": "no-cache",
  });
  res.end(body);
  return true;
}

/** GET / on the bot's port goes to the playground page. */
export function redirectToPage(pageUrl: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || (req.url ?? "/").split("?")[0] !== "/") return false;
    res.writeHead(302, { location: pageUrl });
    res.end();
    return true;
  };
}
