// Builds the reliability suite's traffic: signed Slack requests of every kind with random and hostile text,
// and the bad requests Slack never sends (forged, stale, unsigned, malformed, oversized, GET).
import fc from "fast-check";
import { signSlackRequest } from "../../../src/playground/http-delivery.ts";
import {
  buildBlockAction,
  buildEventCallback,
  buildSlashCommand,
  newEventId,
  newTriggerId,
} from "../../../src/playground/slack-payloads.ts";
import type { SlackStandIn } from "../../../src/playground/slack-stand-in.ts";

export const CHANNEL = "C0PAPERS";

/** Text people (and attackers) type: Slack's control syntax, markup, huge, control characters, lone surrogates. */
const HOSTILE = [
  "<!channel> regularization",
  "<!here|here> <!everyone>",
  "<@U0ADA> <#C0PAPERS|papers> <!subteam^S123|@team>",
  "<https://evil.example/|click me> *bold* _it_ ~strike~ `code` ```block```",
  "&amp; &lt; &gt; & < > \" '",
  "<script>alert(1)</script>",
  "a".repeat(4_000),
  "\u0000\u0007\u001b[31m control",
  "\u202eevil rtl",
  "\ud800 lone surrogate",
  "🧪🔬 graph neural networks 👩‍🔬",
  '"unbalanced quote',
  "author: cat: since:2025-13-45 before:",
  "cat:cs.LG since:2025-01-01 diffusion",
  "2111.01253",
  "https://arxiv.org/abs/2111.01253v2",
  "https://huggingface.co/papers/2302.06675",
  "help",
  "schedule 25:99",
  "topics <!channel>, *x*, <https://evil.example|y>",
  "exclude &lt;",
  "digest",
  "saved",
  "",
];
const WORDS =
  "regularization diffusion transformer graph scene flow prior language model robust learning sparse attention".split(
    " ",
  );

/** One prepared POST: its body, content type and signing. */
export interface PreparedRequest {
  kind: "command" | "event" | "click" | "forged" | "stale" | "unsigned" | "malformed" | "oversized" | "get";
  method: "POST" | "GET";
  body: string;
  headers: Record<string, string>;
}

/** A random text: a hostile one, a few search words, or random unicode (fast-check). */
function randomText(random: () => number): string {
  const pick = random();
  if (pick < 0.35) return HOSTILE[Math.floor(random() * HOSTILE.length)] ?? "";
  if (pick < 0.7) {
    const n = 1 + Math.floor(random() * 4);
    return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  }
  return (
    fc.sample(fc.string({ unit: "binary", maxLength: 120 }), {
      numRuns: 1,
      seed: Math.floor(random() * 2 ** 31),
    })[0] ?? ""
  );
}

function signed(secret: string, body: string, contentType: string, ageSec = 0, wrongSecret = false) {
  const timestamp = Math.floor(Date.now() / 1000) - ageSec;
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackRequest(wrongSecret ? `${secret}-forged` : secret, timestamp, body),
  };
}

const FORM = "application/x-www-form-urlencoded";

/** A valid, signed request as Slack would send it: a /papers command, an event, or a button click. */
export function validRequest(
  standIn: SlackStandIn,
  random: () => number,
  paperIds: string[],
): PreparedRequest {
  const workspace = standIn.workspace;
  const users = workspace.users.filter((user) => !user.isBot).map((user) => user.id);
  const user = users[Math.floor(random() * users.length)] ?? "U0ADA";
  const roll = random();
  if (roll < 0.5) {
    const issued = standIn.issueResponseUrl({ channel: CHANNEL, user });
    const fields = buildSlashCommand(workspace, {
      command: "/papers",
      text: randomText(random),
      user,
      channel: CHANNEL,
      responseUrl: issued.url,
      triggerId: newTriggerId(),
    });
    const body = new URLSearchParams(fields).toString();
    return { kind: "command", method: "POST", body, headers: signed(standIn.signingSecret, body, FORM) };
  }
  if (roll < 0.75) {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(random() * 1e6)).padStart(6, "0")}`;
    const text = randomText(random);
    const event =
      random() < 0.5
        ? { type: "app_mention", user, text: `<@${workspace.botUserId}> ${text}`, ts, channel: CHANNEL }
        : { type: "message", user, text, ts, channel: CHANNEL, channel_type: "channel" };
    const body = JSON.stringify(
      buildEventCallback(workspace, event, {
        eventId: newEventId(),
        eventTime: Math.floor(Date.now() / 1000),
      }),
    );
    return {
      kind: "event",
      method: "POST",
      body,
      headers: signed(standIn.signingSecret, body, "application/json"),
    };
  }
  const issued = standIn.issueResponseUrl({ channel: CHANNEL, user });
  const actions = ["paper_save", "paper_summarize", "paper_share", "search_more"];
  const actionId = actions[Math.floor(random() * actions.length)] ?? "paper_save";
  const value =
    random() < 0.8
      ? (paperIds[Math.floor(random() * paperIds.length)] ?? "2111.01253")
      : randomText(random).slice(0, 200);
  const payload = buildBlockAction(workspace, {
    user,
    channel: CHANNEL,
    button: { action_id: actionId, block_id: "b1", value, text: { type: "plain_text", text: "Button" } },
    messageTs: `${Math.floor(Date.now() / 1000)}.000100`,
    ephemeral: true,
    responseUrl: issued.url,
    triggerId: newTriggerId(),
    actionTs: `${Date.now() / 1000}`,
  });
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { kind: "click", method: "POST", body, headers: signed(standIn.signingSecret, body, FORM) };
}

/** A request Slack never sends, which must be refused without work (and never with a 5xx). */
export function badRequest(standIn: SlackStandIn, random: () => number, paperIds: string[]): PreparedRequest {
  const valid = validRequest(standIn, random, paperIds);
  const secret = standIn.signingSecret;
  const type = valid.headers["content-type"] ?? FORM;
  const kinds = ["forged", "stale", "unsigned", "malformed", "oversized", "get"] as const;
  const kind = kinds[Math.floor(random() * kinds.length)] ?? "forged";
  switch (kind) {
    case "forged":
      return { kind, method: "POST", body: valid.body, headers: signed(secret, valid.body, type, 0, true) };
    case "stale":
      return { kind, method: "POST", body: valid.body, headers: signed(secret, valid.body, type, 6 * 60) };
    case "unsigned":
      return { kind, method: "POST", body: valid.body, headers: { "content-type": type } };
    case "malformed": {
      // Signed correctly, so it gets past the signature: only the parser stands between it and the app.
      const bodies = [
        "{not json",
        "payload=%7Bbroken",
        "[]",
        "null",
        '{"type":"event_callback"}',
        "payload=null",
      ];
      const body = bodies[Math.floor(random() * bodies.length)] ?? "{";
      const contentType = body.startsWith("payload") ? FORM : "application/json";
      return { kind, method: "POST", body, headers: signed(secret, body, contentType) };
    }
    case "oversized": {
      // Just above 1 MiB: far beyond any payload Slack sends, so it must be refused before it is parsed.
      const body = `payload=${"x".repeat(1024 * 1024 + 100 * 1024)}`;
      return { kind, method: "POST", body, headers: signed(secret, body, FORM) };
    }
    case "get":
      return { kind, method: "GET", body: "", headers: {} };
  }
}

/** The suite's mix for slot `slot`: a bad request in every sixth slot (2,000 of 12,000), a valid one otherwise. */
export function mixedRequest(standIn: SlackStandIn, random: () => number, paperIds: string[], slot: number) {
  return slot % 6 === 5 ? badRequest(standIn, random, paperIds) : validRequest(standIn, random, paperIds);
}

/** A seeded PRNG (mulberry32), so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one request was and how the bot answered it (0: no answer within 5 s, or the connection failed). */
export interface Answered {
  kind: PreparedRequest["kind"];
  status: number;
}

/**
 * Sends `count` requests made by `make` to `url` with `concurrency` senders. Requests are made as they are
 * sent, so a run's memory is that of the requests in flight, not of all of them.
 */
export async function sendAll(
  url: string,
  count: number,
  make: (i: number) => PreparedRequest,
  concurrency: number,
): Promise<Answered[]> {
  const answers: Answered[] = [];
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const request = make(next);
      next += 1;
      let status = 0;
      try {
        const response = await fetch(url, {
          method: request.method,
          headers: request.headers,
          ...(request.method === "POST" ? { body: request.body } : {}),
          // Slack gives up after 3 s; 5 s tells a slow answer from none without idling a sender for long.
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      answers.push({ kind: request.kind, status });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return answers;
}
