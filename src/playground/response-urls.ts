// The `response_url`s the stand-in hands out with commands and actions: 5 uses within 30 minutes, validated.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FailureScript } from "./failure-injection.ts";
import type { MessageStore } from "./message-store.ts";
import type { RejectedPayload, ResponseRecord } from "./stand-in-types.ts";
import { checkSlackPayload } from "./validate-slack-payload.ts";
import { injectedAnswer, readBody, rejectionOf, send } from "./web-api.ts";
import type { Workspace } from "./workspace.ts";

/** Slack: "use a response_url up to five times within 30 minutes". */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Who a response URL answers and, for block actions, the message the click came from. */
export interface ResponseTarget {
  channel: string;
  user: string;
  message?: { ts: string; ephemeral: boolean };
}

export interface ResponseUrlDeps {
  store: MessageStore;
  workspace: Workspace;
  failures: FailureScript;
  now: () => number;
  baseUrl: () => string;
  onRejected: (record: RejectedPayload) => void;
  onResponse: (record: ResponseRecord) => void;
}

interface Entry {
  target: ResponseTarget;
  createdAt: number;
  uses: number;
  /** The last ephemeral answer sent through this URL: what a command's replace_original replaces. */
  lastEphemeralTs?: string;
}

/** Issues response URLs and serves `POST /response/<id>`. */
export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();
  private records: ResponseRecord[] = [];

  constructor(private readonly deps: ResponseUrlDeps) {}

  create(target: ResponseTarget): { id: string; url: string } {
    const id = randomBytes(12).toString("hex");
    this.entries.set(id, { target, createdAt: this.deps.now(), uses: 0 });
    return { id, url: `${this.deps.baseUrl()}/response/${id}` };
  }

  /** Every POST to response URLs (or to one), in order. */
  responses(id?: string): ResponseRecord[] {
    return this.records.filter((record) => id === undefined || record.id === id);
  }

  clear(): void {
    this.entries.clear();
    this.records = [];
  }

  async handle(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    const answer = body
      ? this.answer(id, body)
      : { status: 400, body: { ok: false, error: "invalid_payload" } };
    const record: ResponseRecord = {
      id,
      body: body ?? { raw },
      status: answer.status,
      accepted: answer.status === 200,
      at: this.deps.now(),
    };
    if (typeof answer.body !== "string" && typeof answer.body.error === "string")
      record.error = answer.body.error;
    this.records.push(record);
    this.deps.onResponse(record);
    send(res, answer);
  }

  private answer(id: string, body: Record<string, unknown>) {
    const injected = this.deps.failures.take("response_url");
    if (injected && injected.kind !== "delay" && injected.kind !== "hold") return injectedAnswer(injected);
    const entry = this.entries.get(id);
    if (!entry) return { status: 404, body: { ok: false, error: "no_such_url" } };
    if (this.deps.now() - entry.createdAt > RESPONSE_URL_TTL_MS) {
      return { status: 404, body: { ok: false, error: "expired_url" } };
    }
    if (entry.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: "used_url" } };
    const problems = checkSlackPayload("response_url", body);
    if (problems.length > 0) {
      const rejection = rejectionOf(problems);
      this.deps.onRejected({
        method: "response_url",
        payload: body,
        ...rejection,
        at: this.deps.now(),
        responseUrlId: id,
      });
      return { status: 400, body: { ok: false, ...rejection } };
    }
    entry.uses += 1;
    this.apply(id, entry, body);
    return { status: 200, body: { ok: true } };
  }

  private apply(id: string, entry: Entry, body: Record<string, unknown>): void {
    const { store, workspace } = this.deps;
    const { target } = entry;
    const text = typeof body.text === "string" ? body.text : "";
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const original =
      target.message ?? (entry.lastEphemeralTs ? { ts: entry.lastEphemeralTs, ephemeral: true } : undefined);

    if (body.delete_original === true && original) {
      if (original.ephemeral) store.deleteEphemeral(original.ts);
      else store.delete(target.channel, original.ts);
      return;
    }
    if (body.replace_original === true && original) {
      if (original.ephemeral) store.replaceEphemeral(original.ts, { text, ...(blocks ? { blocks } : {}) });
      else store.update(target.channel, original.ts, { text, ...(blocks ? { blocks } : {}) });
      return;
    }
    const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
    if (body.response_type === "in_channel") {
      store.post(target.channel, {
        user: workspace.botUserId,
        bot: { botId: workspace.botId, appId: workspace.appId },
        text,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
      return;
    }
    const ephemeral = store.addEphemeral({
      channel: target.channel,
      user: target.user,
      text,
      via: "response_url",
      responseUrlId: id,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    entry.lastEphemeralTs = ephemeral.ts;
  }
}
