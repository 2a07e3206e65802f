// For the Slack bench: a burst of signed `/papers` POSTs, built beforehand and sent in one go over node:http,
// so the load generator adds as little as possible to the latencies it measures.
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "../src/playground/http-delivery.ts";
import { buildSlashCommand, newTriggerId } from "../src/playground/slack-payloads.ts";
import type { SlackStandIn } from "../src/playground/slack-stand-in.ts";

/** One command of a burst: what was typed, where its answer goes, and how the bot acked it. */
export interface SentCommand {
  text: string;
  responseUrlId: string;
  /** When the request was handed to the socket (performance.now()). */
  startedAt: number;
  /** Until the bot's HTTP answer arrived; NaN when it never did. */
  ackMs: number;
  status: number;
}

interface Prepared {
  text: string;
  responseUrlId: string;
  body: string;
  headers: Record<string, string | number>;
}

/**
 * Sends `texts.length` slash commands to `eventsUrl` at once, each signed as Slack signs it and with its own
 * response URL issued by the stand-in (which validates what the bot sends there). Resolves when every command
 * was acked or failed.
 */
export async function sendCommandBurst(
  standIn: SlackStandIn,
  eventsUrl: string,
  texts: string[],
  agent: Agent,
): Promise<SentCommand[]> {
  const url = new URL(eventsUrl);
  const users = standIn.workspace.users.filter((user) => !user.isBot).map((user) => user.id);
  const timestamp = Math.floor(Date.now() / 1000);
  const prepared: Prepared[] = texts.map((text, i) => {
    const user = users[i % users.length] ?? "U0ADA";
    const channel = "C0PAPERS";
    const issued = standIn.issueResponseUrl({ channel, user });
    const fields = buildSlashCommand(standIn.workspace, {
      command: "/papers",
      text,
      user,
      channel,
      responseUrl: issued.url,
      triggerId: newTriggerId(),
    });
    const body = new URLSearchParams(fields).toString();
    return {
      text,
      responseUrlId: issued.id,
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(body),
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signSlackRequest(standIn.signingSecret, timestamp, body),
      },
    };
  });
  return await Promise.all(prepared.map((command) => post(url, agent, command)));
}

/** Keep-alive connections, one per command of a burst, reused by later bursts (as Slack reuses its own). */
export function burstAgent(size: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: size, maxFreeSockets: size });
}

/**
 * The generator's own share of the ack latency: the same burst against a server that answers every POST at
 * once, on warmed-up connections. What the bot adds is roughly the bench's figure minus this one.
 */
export async function calibrateBurst(standIn: SlackStandIn, texts: string[]): Promise<number[]> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = burstAgent(texts.length);
  try {
    const url = `http://127.0.0.1:${port}/slack/events`;
    await sendCommandBurst(standIn, url, texts, agent);
    const sent = await sendCommandBurst(standIn, url, texts, agent);
    return sent.map((command) => command.ackMs);
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function post(url: URL, agent: Agent, command: Prepared): Promise<SentCommand> {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const done = (status: number) =>
      resolve({
        text: command.text,
        responseUrlId: command.responseUrlId,
        startedAt,
        ackMs: status === 0 ? Number.NaN : performance.now() - startedAt,
        status,
      });
    const req = request(url, { method: "POST", agent, headers: command.headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error("no ack within 10 s")));
    req.on("error", () => done(0));
    req.end(command.body);
  });
}
