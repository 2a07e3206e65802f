// A local Slack for the real Bolt app: Web API, response URLs, signed requests, Socket Mode, and what happened.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ActivityLog, type StandInStats } from "./activity-log.ts";
import {
  AppDriver,
  type BlockActionInput,
  type EventOptions,
  type SlashCommandInput,
  type UserMessageInput,
} from "./app-driver.ts";
import {
  ChannelRateLimiter,
  FailureScript,
  type InjectedFailure,
  type RateLimitOptions,
} from "./failure-injection.ts";
import { FileStore, type StoredFile, uploadedBytes } from "./file-store.ts";
import { MessageStore } from "./message-store.ts";
import { type ResponseTarget, ResponseUrls } from "./response-urls.ts";
import { SocketModeServer } from "./socket-mode-server.ts";
import type {
  CallRecord,
  EphemeralMessage,
  EventResult,
  InteractionResult,
  PublishedView,
  RejectedPayload,
  ResponseRecord,
  StandInChange,
  StoredMessage,
  UnfurlRecord,
  UserReaction,
} from "./stand-in-types.ts";
import { handleWebApiRequest, send, type WebApiDeps } from "./web-api.ts";
import { defaultWorkspace, type Workspace } from "./workspace.ts";

export type { StandInStats } from "./activity-log.ts";

export interface SlackStandInOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1: the stand-in is for this machine only. */
  host?: string;
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /** HTTP mode: the app's events URL (`http://127.0.0.1:PORT/slack/events`); also settable with `setAppUrl`. */
  appUrl?: string;
  workspace?: Workspace;
  /** Start with chat.postMessage rate-limited per channel (see `setRateLimit`). */
  rateLimit?: RateLimitOptions;
  /** How long to wait for the app's ack; Slack's limit is 3 s. */
  ackTimeoutMs?: number;
  /** Clock for message timestamps and response-URL expiry; default `Date.now`. */
  now?: () => number;
  /** Link domains that make `sendUserMessage` emit `link_shared`. */
  unfurlDomains?: string[];
  /** Extra routes (the playground page): return true when handled; unhandled paths get 404. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

/** Starts the stand-in on 127.0.0.1 and resolves once it is listening. */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const standIn = new SlackStandIn(options);
  await standIn.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return standIn;
}

/**
 * Behaves like Slack toward a real Bolt app. Point Bolt's `clientOptions.slackApiUrl` at `apiUrl`; for
 * HTTP mode tell the stand-in where the app listens (`setAppUrl`); for Socket Mode give Bolt `appToken`.
 */
export class SlackStandIn {
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly workspace: Workspace;
  readonly server: Server;
  private baseUrl = "";
  private appUrl: string | undefined;
  private readonly now: () => number;
  private readonly log = new ActivityLog();
  private readonly store: MessageStore;
  private readonly fileStore: FileStore;
  private readonly failures = new FailureScript();
  private limiter: ChannelRateLimiter | undefined;
  private rateLimit: RateLimitOptions | undefined;
  private webApi: WebApiDeps | undefined;
  private readonly socket: SocketModeServer;
  private readonly responseUrls: ResponseUrls;
  private readonly driver: AppDriver;

  constructor(private readonly options: SlackStandInOptions) {
    this.botToken = options.botToken ?? "xoxb-stand-in-bot-token";
    this.appToken = options.appToken ?? "xapp-1-stand-in-app-token";
    this.signingSecret = options.signingSecret ?? "stand-in-signing-secret";
    this.workspace = options.workspace ?? defaultWorkspace();
    this.appUrl = options.appUrl;
    this.now = options.now ?? Date.now;
    const notify = (change: StandInChange) => this.log.emit(change);
    this.store = new MessageStore(this.now, notify);
    this.fileStore = new FileStore(this.now);
    if (options.rateLimit) this.setRateLimit(options.rateLimit);
    this.socket = new SocketModeServer(this.workspace.appId, (connections) =>
      notify({ kind: "socket", connections }),
    );
    this.responseUrls = new ResponseUrls({
      store: this.store,
      workspace: this.workspace,
      failures: this.failures,
      now: this.now,
      baseUrl: () => this.baseUrl,
      onRejected: (record) => this.log.recordRejected(record),
      onResponse: (record) => this.log.recordResponse(record.id, record.status),
    });
    this.driver = new AppDriver({
      workspace: this.workspace,
      store: this.store,
      responseUrls: this.responseUrls,
      socket: this.socket,
      signingSecret: this.signingSecret,
      appUrl: () => this.appUrl,
      ackTimeoutMs: options.ackTimeoutMs ?? 3_000,
      now: this.now,
      unfurlDomains: options.unfurlDomains ?? ["arxiv.org", "huggingface.co", "alphaxiv.org"],
    });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, body: `stand-in error: ${String(error)}` });
        else res.destroy();
      });
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (!this.socket.handleUpgrade(req, socket, head)) socket.destroy();
    });
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.baseUrl;
  }

  /** The Web API base URL for Bolt's `clientOptions.slackApiUrl` (with the trailing slash WebClient expects). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** Apps connected over Socket Mode right now. */
  get socketConnections(): number {
    return this.socket.connections;
  }

  /** @internal Used by `startSlackStandIn`. */
  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    // Bound to every interface, it is still reached (and its URLs given) through loopback.
    const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    this.baseUrl = `http://${shownHost}:${address.port}`;
    this.webApi = {
      ctx: {
        workspace: this.workspace,
        store: this.store,
        files: this.fileStore,
        now: this.now,
        baseUrl: this.baseUrl,
        openSocketUrl: () => this.socket.issueUrl(this.baseUrl),
      },
      tokens: { bot: this.botToken, app: this.appToken },
      failures: this.failures,
      rateLimiter: () => this.limiter,
      onCall: (record) => this.log.recordCall(record),
      onRejected: (record) => this.log.recordRejected(record),
    };
  }

  /** HTTP mode: where signed requests go, e.g. `http://127.0.0.1:3000/slack/events`. */
  setAppUrl(url: string | undefined): void {
    this.appUrl = url;
  }

  // ── Driving the app ────────────────────────────────────────────────────────────────────────────────

  /** Sends `/papers …` (form body, every field Slack sends, `response_url` pointing here); returns the ack. */
  sendSlashCommand(input: SlashCommandInput = {}): Promise<InteractionResult> {
    return this.driver.sendSlashCommand(input);
  }

  /** Sends an event inside an `event_callback` wrapper (`retryNum` adds `X-Slack-Retry-Num`). */
  sendEvent(event: Record<string, unknown>, options: EventOptions = {}): Promise<EventResult> {
    return this.driver.sendEvent(event, options);
  }

  /** Clicks a button (a `block_actions` payload with a fresh `response_url` bound to the clicked message). */
  sendBlockAction(input: BlockActionInput): Promise<InteractionResult> {
    return this.driver.sendBlockAction(input);
  }

  /** A person posts a message: stored, then `message` / `app_mention` / `link_shared` events are sent. */
  sendUserMessage(input: UserMessageInput): Promise<{ message: StoredMessage; deliveries: EventResult[] }> {
    return this.driver.sendUserMessage(input);
  }

  /**
   * A person reacts to a message: the reaction is stored (counted per name) and `reaction_added` is sent.
   * Resolves with undefined when the message is unknown or the person already reacted so.
   */
  async addUserReaction(input: UserReaction): Promise<EventResult | undefined> {
    const message = this.store.find(input.channel, input.ts);
    if (!message || !this.store.addReaction(message, input.name, input.user)) return undefined;
    return await this.sendReactionEvent("reaction_added", input, message);
  }

  /**
   * A person takes their reaction off a message: it is removed and `reaction_removed` is sent.
   * Resolves with undefined when the message is unknown or the person had not reacted so.
   */
  async removeUserReaction(input: UserReaction): Promise<EventResult | undefined> {
    const message = this.store.find(input.channel, input.ts);
    if (!message || !this.store.removeReaction(message, input.name, input.user)) return undefined;
    return await this.sendReactionEvent("reaction_removed", input, message);
  }

  private sendReactionEvent(
    type: "reaction_added" | "reaction_removed",
    input: UserReaction,
    message: StoredMessage,
  ): Promise<EventResult> {
    return this.driver.sendEvent({
      type,
      user: input.user,
      reaction: input.name,
      item: { type: "message", channel: input.channel, ts: input.ts },
      item_user: message.user,
    });
  }

  /** Issues a response URL without a command (for tests and the playground): 5 uses, 30 minutes. */
  issueResponseUrl(target: ResponseTarget): { id: string; url: string } {
    return this.responseUrls.create(target);
  }

  /** Socket Mode: asks connected apps to reconnect (`{type: "disconnect"}`), as Slack does. */
  requestSocketReconnect(reason?: string): void {
    this.socket.requestReconnect(reason);
  }

  // ── Failure injection ──────────────────────────────────────────────────────────────────────────────

  /** Makes the next `times` calls of `method` (a Web API method or `response_url`) fail as scripted. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    this.failures.failNext(method, failure, times);
  }

  /**
   * Carries out the next call of `method` at once but holds its answer until the returned function is called
   * (e.g. a `chat.postMessage` whose message is visible, and can be replied to, before the app learns its ts).
   */
  holdNextAnswer(method: string): () => void {
    let release = () => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.failures.failNext(method, { kind: "hold", until });
    return release;
  }

  /** Turns per-channel rate limiting of chat.postMessage on (`{perSecond: 1}`) or off (`undefined`). */
  setRateLimit(options: RateLimitOptions | undefined): void {
    this.rateLimit = options;
    this.limiter = options ? new ChannelRateLimiter(options, this.now) : undefined;
  }

  // ── Observation ────────────────────────────────────────────────────────────────────────────────────

  /** Top-level messages in a channel, oldest first (replies are in `thread`). */
  messages(channel: string): StoredMessage[] {
    return this.store.topLevel(channel);
  }

  /** A thread: parent then replies, oldest first. */
  thread(channel: string, ts: string): StoredMessage[] {
    return this.store.thread(channel, ts);
  }

  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url answers), optionally filtered. */
  ephemerals(channel?: string, user?: string): EphemeralMessage[] {
    return this.store.ephemerals(channel, user);
  }

  /** Every POST to a response URL (or to one, by the id `send*` returned). */
  responses(responseUrlId?: string): ResponseRecord[] {
    return this.responseUrls.responses(responseUrlId);
  }

  /** Web API calls the app made, oldest first (all, or for one method). */
  calls(method?: string): CallRecord[] {
    return this.log.calls(method);
  }

  /** Payloads refused by the validator (limits or unsafe text). Tests assert this stays empty. */
  rejected(): RejectedPayload[] {
    return this.log.rejected();
  }

  unfurls(): UnfurlRecord[] {
    return this.store.unfurls();
  }

  /** Files uploaded with files.uploadV2 and completed, oldest first (content as sent). */
  files(): StoredFile[] {
    return this.fileStore.list(true);
  }

  /** The App Home view last published for a user. */
  homeView(user: string): PublishedView | undefined {
    return this.store.view(user);
  }

  stats(): StandInStats {
    return this.log.stats();
  }

  /** Calls `listener` on every change (the playground page streams these). Returns an unsubscribe function. */
  onChange(listener: (change: StandInChange) => void): () => void {
    return this.log.onChange(listener);
  }

  /**
   * Resolves with the first truthy value of `predicate`, checked now, on every change and every 20 ms;
   * rejects with a `playground` error after `timeoutMs`.
   */
  waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 2_000,
    what = "condition",
  ): Promise<T> {
    return this.log.waitFor(predicate, timeoutMs, what);
  }

  /** Forgets messages, calls, rejections, responses, scripted failures and rate-limit state; keeps fixtures. */
  reset(): void {
    this.store.clear();
    this.fileStore.clear();
    this.responseUrls.clear();
    this.failures.clear();
    this.log.clear();
    this.setRateLimit(this.rateLimit);
  }

  /** Closes Socket Mode connections and the server. */
  async close(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The upload URL files.getUploadURLExternal handed out: keeps the bytes, answers as Slack does. */
  private async receiveUpload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = this.fileStore.get(id);
    if (!file || file.completed) return send(res, { status: 404, body: "file not found" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    file.content = await uploadedBytes(Buffer.concat(chunks), req.headers["content-type"]);
    send(res, { status: 200, body: `OK - ${file.content.length}` });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (api?.[1] && this.webApi && (req.method === "POST" || req.method === "GET")) {
      return await handleWebApiRequest(this.webApi, api[1], req, res);
    }
    const upload = /^\/upload\/(F\w+)$/.exec(path);
    if (upload?.[1] && req.method === "POST") return await this.receiveUpload(upload[1], req, res);
    const response = /^\/response\/([\w-]+)$/.exec(path);
    if (response?.[1] && req.method === "POST") return await this.responseUrls.handle(response[1], req, res);
    if (this.options.routes && (await this.options.routes(req, res))) return;
    send(res, { status: 404, body: "not found" });
  }
}
