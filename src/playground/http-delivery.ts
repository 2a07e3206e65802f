// Sends signed requests to the app's `/slack/events` as Slack does, and times how fast the app acks.
// Signing: https://docs.slack.dev/authentication/verifying-requests-from-slack (v0, HMAC-SHA256 over `v0:ts:body`).
import { createHmac } from "node:crypto";
import type { DeliveryResult } from "./stand-in-types.ts";

/** How to sign: properly, with a wrong signature, with a timestamp older than Bolt's 5 minutes, or not at all. */
export type SigningMode = "valid" | "bad-signature" | "stale-timestamp" | "unsigned";

/** `v0=<hex HMAC-SHA256(secret, "v0:<ts>:<body>")>`, the `X-Slack-Signature` header value. */
export function signSlackRequest(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

export interface HttpDelivery {
  url: string;
  signingSecret: string;
  body: string;
  /** Bolt parses forms only when the content-type is exactly `application/x-www-form-urlencoded`. */
  contentType: "application/x-www-form-urlencoded" | "application/json";
  signing?: SigningMode;
  retry?: { num: number; reason: string };
  /** Slack gives up after 3 s; so does the stand-in by default. */
  timeoutMs: number;
}

/** POSTs one signed request and reports the app's answer and ack latency; never throws. */
export async function deliverOverHttp(delivery: HttpDelivery): Promise<DeliveryResult> {
  const signing = delivery.signing ?? "valid";
  // Real clock, not the stand-in's: the app checks the timestamp against its own Date.now().
  const nowSec = Math.floor(Date.now() / 1000);
  const timestamp = signing === "stale-timestamp" ? nowSec - 6 * 60 : nowSec;
  const headers: Record<string, string> = { "content-type": delivery.contentType };
  if (signing !== "unsigned") {
    const secret = signing === "bad-signature" ? `${delivery.signingSecret}-wrong` : delivery.signingSecret;
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = signSlackRequest(secret, timestamp, delivery.body);
  }
  if (delivery.retry) {
    headers["x-slack-retry-num"] = String(delivery.retry.num);
    headers["x-slack-retry-reason"] = delivery.retry.reason;
  }
  const started = performance.now();
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers,
      body: delivery.body,
      signal: AbortSignal.timeout(delivery.timeoutMs),
    });
    const ackMs = performance.now() - started;
    const body = await response.text();
    return { transport: "http", status: response.status, body, ...parseJson(body), ackMs, timedOut: false };
  } catch (error) {
    const ackMs = performance.now() - started;
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { transport: "http", status: 0, body: "", ackMs, timedOut, error: message };
  }
}

/** `{ json }` when the body is JSON, else nothing. */
export function parseJson(body: string): { json?: unknown } {
  if (body.trim() === "") return {};
  try {
    return { json: JSON.parse(body) };
  } catch {
    return {};
  }
}
