// What Bolt's log calls become in our log: Errors with message/code/stack, circular objects and big ones short.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { boltLogger } from "../../src/slack/bolt-logger.ts";

/** A logger configured as the bot's (its serializers), writing JSON lines into an array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("debug", sink), lines };
}

describe("boltLogger", () => {
  it("logs an Error with its message, code and stack rather than as {}", () => {
    const { logger, lines } = capturingLogger();
    const error = Object.assign(new Error("signature mismatch"), { code: "slack_bolt_receiver_error" });
    boltLogger(logger).error("Failed to verify:", error);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toBe("Failed to verify: signature mismatch");
    expect(lines[0]?.err).toMatchObject({
      message: "signature mismatch",
      code: "slack_bolt_receiver_error",
      stack: expect.stringContaining("bolt-logger.test.ts"),
    });
  });

  it("keeps a circular object and a huge one to a short line instead of throwing", () => {
    const { logger, lines } = capturingLogger();
    const request: Record<string, unknown> = { method: "GET", body: "x".repeat(20_000) };
    request.self = request;
    expect(() => boltLogger(logger).warn("odd request", request)).not.toThrow();
    expect(lines).toHaveLength(1);
    const msg = String(lines[0]?.msg);
    expect(msg).toContain('"method":"GET"');
    expect(msg.length).toBeLessThan(1_000);
  });

  it("logs an error's own fields only, never the request and response it carries", () => {
    const { logger, lines } = capturingLogger();
    const socket = { remoteAddress: "127.0.0.1", parser: {} as Record<string, unknown> };
    socket.parser.socket = socket;
    const error = Object.assign(new Error("Unhandled HTTP request (GET) made to /slack/events"), {
      code: "slack_bolt_http_receiver_deferred_request_error",
      req: { socket, headers: { cookie: "x".repeat(13_000) } },
      res: { socket },
    });
    logger.error({ err: error }, "HTTP request failed");
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain("cookie");
    expect(line.length).toBeLessThan(3_000);
    expect(lines[0]?.err).toEqual({
      type: "Error",
      message: "Unhandled HTTP request (GET) made to /slack/events",
      code: "slack_bolt_http_receiver_deferred_request_error",
      stack: expect.any(String),
    });
  });
});
