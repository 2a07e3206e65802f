// Drives the app like Slack does: slash commands, events and button clicks, over HTTP or Socket Mode.
import { PaperboyError } from "../errors.ts";
import { findButton, findClickTarget } from "./find-click-target.ts";
import { deliverOverHttp, type SigningMode } from "./http-delivery.ts";
import type { MessageStore } from "./message-store.ts";
import type { ResponseUrls } from "./response-urls.ts";
import {
  buildBlockAction,
  buildEventCallback,
  buildSlashCommand,
  buildViewBlockAction,
  newEventId,
  newTriggerId,
} from "./slack-payloads.ts";
import type { EnvelopeType, SocketModeServer } from "./socket-mode-server.ts";
import type {
  DeliveryResult,
  EphemeralMessage,
  EventResult,
  InteractionResult,
  StoredMessage,
} from "./stand-in-types.ts";
import type { Workspace } from "./workspace.ts";

/** Options every `send*` helper takes. */
export interface DeliveryOptions {
  /** HTTP mode only: sign wrongly, with a stale timestamp, or not at all. Default `valid`. */
  signing?: SigningMode;
  /** Force a transport; by default Socket Mode when an app is connected, else HTTP to the app URL. */
  transport?: "http" | "socket";
}

export interface SlashCommandInput extends DeliveryOptions {
  /** Default `/papers`. */
  command?: string;
  text?: string;
  /** Default the first human user (U0ADA). */
  user?: string;
  /** Default C0PAPERS. */
  channel?: string;
}

export interface EventOptions extends DeliveryOptions {
  eventId?: string;
  /** Marks the delivery as Slack's n-th retry: `X-Slack-Retry-Num` over HTTP, `retry_attempt` in Socket Mode. */
  retryNum?: number;
  /** Default `http_timeout`. */
  retryReason?: string;
}

export interface BlockActionInput extends DeliveryOptions {
  actionId: string;
  /** The button's value; also narrows which button is clicked when several share an action_id. */
  value?: string;
  user?: string;
  channel?: string;
  /** The message clicked on; by default the newest message or ephemeral in the channel with such a button. */
  message?: StoredMessage | EphemeralMessage | { ts: string; ephemeral?: boolean };
  /** Reuse a response URL instead of issuing a fresh one for this click. */
  responseUrl?: string;
  /**
   * `home`: click the button in the user's published App Home tab (no channel, no response_url, like Slack).
   * Default `message`.
   */
  surface?: "message" | "home";
}

export interface UserMessageInput extends DeliveryOptions {
  /** Wire-format text: mentions as `<@UBOT>`, links as `<https://…>`, `&`, `<`, `>` escaped. */
  text: string;
  user?: string;
  channel?: string;
  threadTs?: string;
}

export interface AppDriverDeps {
  workspace: Workspace;
  store: MessageStore;
  responseUrls: ResponseUrls;
  socket: SocketModeServer;
  signingSecret: string;
  appUrl: () => string | undefined;
  ackTimeoutMs: number;
  now: () => number;
  unfurlDomains: string[];
}

/** Sends Slack's requests to the app and reports how it acked. */
export class AppDriver {
  constructor(private readonly deps: AppDriverDeps) {}

  async sendSlashCommand(input: SlashCommandInput): Promise<InteractionResult> {
    const user = input.user ?? this.defaultUser();
    const channel = input.channel ?? this.defaultChannel();
    const { id, url } = this.deps.responseUrls.create({ channel, user });
    const triggerId = newTriggerId();
    const fields = buildSlashCommand(this.deps.workspace, {
      command: input.command ?? "/papers",
      text: input.text ?? "",
      user,
      channel,
      responseUrl: url,
      triggerId,
    });
    const result = await this.deliver(
      "slash_commands",
      fields,
      new URLSearchParams(fields).toString(),
      input,
    );
    return { ...result, responseUrl: url, responseUrlId: id, triggerId };
  }

  async sendEvent(event: Record<string, unknown>, options: EventOptions = {}): Promise<EventResult> {
    const eventId = options.eventId ?? newEventId();
    const full = { event_ts: this.deps.store.nextTs(), ...event };
    const payload = buildEventCallback(this.deps.workspace, full, {
      eventId,
      eventTime: Math.floor(this.deps.now() / 1000),
    });
    const retry = options.retryNum
      ? { num: options.retryNum, reason: options.retryReason ?? "http_timeout" }
      : undefined;
    const result = await this.deliver("events_api", payload, JSON.stringify(payload), options, retry);
    return { ...result, eventId };
  }

  async sendBlockAction(input: BlockActionInput): Promise<InteractionResult> {
    if (input.surface === "home") return await this.sendHomeBlockAction(input);
    const user = input.user ?? this.defaultUser();
    const channel = input.channel ?? this.defaultChannel();
    const clicked = findClickTarget(this.deps.store, input, user, channel);
    const target = { channel, user, message: { ts: clicked.ts, ephemeral: clicked.ephemeral } };
    const issued = input.responseUrl ? undefined : this.deps.responseUrls.create(target);
    const responseUrl = input.responseUrl ?? issued?.url ?? "";
    const triggerId = newTriggerId();
    const payload = buildBlockAction(this.deps.workspace, {
      user,
      channel,
      button: clicked.button,
      messageTs: clicked.ts,
      ephemeral: clicked.ephemeral,
      ...(clicked.threadTs ? { threadTs: clicked.threadTs } : {}),
      ...(clicked.message ? { message: clicked.message } : {}),
      responseUrl,
      triggerId,
      actionTs: this.deps.store.nextTs(),
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const result = await this.deliver("interactive", payload, body, input);
    const responseUrlId = issued?.id ?? responseUrl.split("/").pop() ?? "";
    return { ...result, responseUrl, responseUrlId, triggerId };
  }

  /** A click in the App Home tab: the button comes from the view last published for the user. */
  private async sendHomeBlockAction(input: BlockActionInput): Promise<InteractionResult> {
    const user = input.user ?? this.defaultUser();
    const view = this.deps.store.view(user);
    const blocks = (view?.view as { blocks?: unknown[] } | undefined)?.blocks;
    const button = findButton(blocks, input.actionId, input.value);
    if (!button) {
      throw new PaperboyError(
        "playground",
        `No ${input.actionId} button${input.value === undefined ? "" : ` with value ${input.value}`} in ${user}'s Home tab.`,
      );
    }
    const triggerId = newTriggerId();
    const payload = buildViewBlockAction(this.deps.workspace, {
      user,
      button,
      view,
      triggerId,
      actionTs: this.deps.store.nextTs(),
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const result = await this.deliver("interactive", payload, body, input);
    return { ...result, responseUrl: "", responseUrlId: "", triggerId };
  }

  /**
   * A person posts a message: it is stored, then the app gets `message`, `app_mention` (when it mentions the
   * bot) and `link_shared` (for links on the unfurl domains), each as its own event like Slack sends them.
   */
  async sendUserMessage(
    input: UserMessageInput,
  ): Promise<{ message: StoredMessage; deliveries: EventResult[] }> {
    const user = input.user ?? this.defaultUser();
    const channelId = input.channel ?? this.defaultChannel();
    const message = this.deps.store.post(channelId, {
      user,
      text: input.text,
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    });
    const channel = this.deps.workspace.channels.find((candidate) => candidate.id === channelId);
    const channelType = channel?.dmWith ? "im" : channel?.isPrivate ? "group" : "channel";
    const common = {
      user,
      text: input.text,
      ts: message.ts,
      channel: channelId,
      event_ts: message.ts,
      team: this.deps.workspace.team.id,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    };
    const options: DeliveryOptions = { ...(input.transport ? { transport: input.transport } : {}) };
    const deliveries = [
      await this.sendEvent({ type: "message", channel_type: channelType, ...common }, options),
    ];
    if (input.text.includes(`<@${this.deps.workspace.botUserId}>`)) {
      deliveries.push(await this.sendEvent({ type: "app_mention", ...common }, options));
    }
    const links = this.sharedLinks(input.text);
    if (links.length > 0) {
      const linkShared = {
        type: "link_shared",
        channel: channelId,
        is_bot_user_member: channel?.botIsMember ?? false,
        user,
        message_ts: message.ts,
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        links,
        unfurl_id: `${channelId}.${message.ts}`,
        source: "conversations_history",
        event_ts: message.ts,
      };
      deliveries.push(await this.sendEvent(linkShared, options));
    }
    return { message, deliveries };
  }

  private async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    httpBody: string,
    options: DeliveryOptions,
    retry?: { num: number; reason: string },
  ): Promise<DeliveryResult> {
    const { socket, ackTimeoutMs } = this.deps;
    const transport = options.transport ?? (socket.connections > 0 ? "socket" : "http");
    if (transport === "socket") {
      if (options.signing && options.signing !== "valid") {
        throw new PaperboyError("playground", "Signing options apply to HTTP mode only.");
      }
      return await socket.deliver(type, payload, {
        timeoutMs: ackTimeoutMs,
        ...(retry ? { retryAttempt: retry.num, retryReason: retry.reason } : {}),
      });
    }
    const url = this.deps.appUrl();
    if (!url)
      throw new PaperboyError(
        "playground",
        "No app is connected: set the app URL or connect in Socket Mode.",
      );
    return await deliverOverHttp({
      url,
      signingSecret: this.deps.signingSecret,
      body: httpBody,
      contentType: type === "events_api" ? "application/json" : "application/x-www-form-urlencoded",
      timeoutMs: ackTimeoutMs,
      ...(options.signing ? { signing: options.signing } : {}),
      ...(retry ? { retry } : {}),
    });
  }

  private sharedLinks(text: string): Array<{ domain: string; url: string }> {
    const links: Array<{ domain: string; url: string }> = [];
    for (const match of text.matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g)) {
      const url = (match[1] ?? "").replace(/&amp;/g, "&");
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        continue;
      }
      const domain = this.deps.unfurlDomains.find((d) => host === d || host.endsWith(`.${d}`));
      if (domain) links.push({ domain: host, url });
    }
    return links;
  }

  private defaultUser(): string {
    return this.deps.workspace.users.find((user) => !user.isBot)?.id ?? "U0ADA";
  }

  private defaultChannel(): string {
    return this.deps.workspace.channels[0]?.id ?? "C0PAPERS";
  }
}
