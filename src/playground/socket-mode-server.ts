// The stand-in's Socket Mode endpoint: hello on connect, envelopes out, acks `{envelope_id, payload}` back.
// Wire format: ../shared/notes/slack-wire.md ("Socket Mode flow"), from @slack/socket-mode's SocketModeClient.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { DeliveryResult } from "./stand-in-types.ts";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

interface PendingAck {
  resolve: (payload: unknown) => void;
}

/** Accepts Socket Mode connections on `/socket?ticket=…` and delivers envelopes to them. */
export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, PendingAck>();
  private nextSocket = 0;

  constructor(
    private readonly appId: string,
    private readonly onConnections: (count: number) => void,
  ) {}

  /** A one-use `ws://…/socket?ticket=…` URL, as apps.connections.open returns. */
  issueUrl(baseHttpUrl: string): string {
    const ticket = randomBytes(12).toString("hex");
    this.tickets.add(ticket);
    return `${baseHttpUrl.replace(/^http/, "ws")}/socket?ticket=${ticket}`;
  }

  /** Connected apps that have been sent `hello`. */
  get connections(): number {
    return this.sockets.length;
  }

  /** Handles an HTTP upgrade; false when it is not for the Socket Mode path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (url.pathname !== "/socket") return false;
    const ticket = url.searchParams.get("ticket") ?? "";
    if (!this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /**
   * Sends one envelope to one connected app (round-robin, as Slack spreads payloads over connections) and
   * waits for its ack. `status` is 200 when acked in time, 0 when not.
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: { timeoutMs: number; retryAttempt?: number; retryReason?: string },
  ): Promise<DeliveryResult> {
    const socket = this.sockets[this.nextSocket++ % this.sockets.length];
    if (!socket)
      return { transport: "socket", status: 0, body: "", ackMs: 0, timedOut: false, error: "no connection" };
    const envelopeId = randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      accepts_response_payload: type !== "events_api",
      payload,
    };
    if (type === "events_api") {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? "";
    }
    const started = performance.now();
    const acked = new Promise<unknown>((resolve) => this.pending.set(envelopeId, { resolve }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
    });
    socket.send(JSON.stringify(envelope));
    const outcome = await Promise.race([acked, timeout]);
    clearTimeout(timer);
    this.pending.delete(envelopeId);
    const ackMs = performance.now() - started;
    if (outcome === "timeout") return { transport: "socket", status: 0, body: "", ackMs, timedOut: true };
    const body = JSON.stringify(outcome ?? {});
    return { transport: "socket", status: 200, body, json: outcome ?? {}, ackMs, timedOut: false };
  }

  /** Asks every connected app to reconnect (`{type: "disconnect", reason}`), as Slack does when recycling. */
  requestReconnect(reason = "refresh_requested"): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ type: "disconnect", reason }));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.push(ws);
    ws.on("message", (data) => this.onMessage(String(data)));
    ws.on("close", () => {
      const index = this.sockets.indexOf(ws);
      if (index !== -1) this.sockets.splice(index, 1);
      this.onConnections(this.sockets.length);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.sockets.length,
        debug_info: { host: "slack-stand-in", build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.onConnections(this.sockets.length);
  }

  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== "string") return;
    this.pending.get(message.envelope_id)?.resolve(message.payload);
  }
}
