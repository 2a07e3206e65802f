// Answers 400 to a Slack request whose body parses to no object (`null`, `payload=null`), before Bolt sees it.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { type BufferedIncomingMessage, HTTPModuleFunctions, isRawBodyError } from "@slack/bolt";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps Bolt's HTTP request listener. Bolt reads `body.ssl_check` of whatever the body parses to, so a body of
 * JSON `null` throws inside its handler, where nothing catches it: the request is never answered. The body is
 * buffered here (Bolt then uses the same buffer) and one that is not an object is refused with 400.
 */
export function refuseMalformedBodies(listener: Listener, bodyLimit: number): RequestListener {
  return (req, res) => {
    HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit).then(
      (buffered) => {
        if (!parsesToObject(buffered)) {
          res.writeHead(400, { "content-type": "application/json" });
          res.end('{"error":"malformed_body"}\n');
          return;
        }
        listener(buffered, res);
      },
      (error: unknown) => {
        const tooLarge = isRawBodyError(error) && error.statusCode === 413;
        if (!res.headersSent) res.writeHead(tooLarge ? 413 : 400, { "content-type": "application/json" });
        res.end(tooLarge ? '{"error":"payload_too_large"}\n' : '{"error":"unreadable_body"}\n');
      },
    );
  };
}

// Parses as Bolt does (a form's `payload` field as JSON, the form itself, or the body as JSON). A body that is
// not JSON at all is left to Bolt, which answers 400 on its own.
function parsesToObject(req: BufferedIncomingMessage): boolean {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    return true;
  }
  return typeof body === "object" && body !== null && !Array.isArray(body);
}
