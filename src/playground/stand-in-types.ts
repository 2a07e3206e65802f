// The records the Slack stand-in keeps and hands to tests and the playground, in Slack's own wire shapes.

/** Slack message metadata (`metadata` on chat.postMessage). */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A message in a channel, as conversations.history returns it (snake_case like Slack's JSON). */
export interface StoredMessage {
  type: "message";
  channel: string;
  ts: string;
  /** The author: `UBOT` for the bot, a user id for `sendUserMessage`. */
  user: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** Files shared with the message (files.completeUploadExternal with a channel). */
  files?: unknown[];
  metadata?: MessageMetadata;
  /** Set on replies, and on a parent once it has replies. */
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: Array<{ name: string; users: string[]; count: number }>;
}

/** A person's reaction `name` (`+1`, `bookmark`) on the message `ts` of `channel`. */
export interface UserReaction {
  user: string;
  channel: string;
  ts: string;
  name: string;
}

/** A message only one user sees: chat.postEphemeral, or an ephemeral `response_url` answer. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  /** The `message_ts` Slack gives ephemeral messages; block actions on them carry it. */
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  via: "chat.postEphemeral" | "response_url";
  responseUrlId?: string;
}

/** One Web API call the app made, with what the stand-in answered. */
export interface CallRecord {
  method: string;
  /** Parsed params: form fields, nested JSON fields decoded. */
  params: Record<string, unknown>;
  token?: string;
  status: number;
  response: unknown;
  at: number;
}

/** A payload the validator refused: the app sent something Slack would reject or that is unsafe. */
export interface RejectedPayload {
  /** Web API method, or `response_url`. */
  method: string;
  payload: Record<string, unknown>;
  error: string;
  errors: string[];
  at: number;
  responseUrlId?: string;
}

/** One POST to a `response_url`. */
export interface ResponseRecord {
  id: string;
  body: Record<string, unknown>;
  status: number;
  accepted: boolean;
  error?: string;
  at: number;
}

/** A chat.unfurl call's content. */
export interface UnfurlRecord {
  channel?: string;
  ts?: string;
  unfurl_id?: string;
  source?: string;
  unfurls: Record<string, unknown>;
  at: number;
}

/** A published view (App Home tab) per user. */
export interface PublishedView {
  id: string;
  user: string;
  view: Record<string, unknown>;
  at: number;
}

/** What changed, for live observers (the playground page, `waitFor`). */
export type StandInChange =
  | { kind: "message"; channel: string; ts: string; action: "posted" | "updated" | "deleted" }
  | { kind: "ephemeral"; channel: string; user: string; ts: string; action: "posted" | "updated" | "deleted" }
  | { kind: "view"; user: string }
  | { kind: "unfurl" }
  | { kind: "reaction"; channel: string; ts: string }
  | { kind: "call"; method: string }
  | { kind: "rejected"; method: string }
  | { kind: "response"; id: string }
  | { kind: "socket"; connections: number };

/** How an incoming request to the app was answered (the "ack"). */
export interface DeliveryResult {
  transport: "http" | "socket";
  /** HTTP status of the app's answer; in Socket Mode 200 when acked; 0 when no answer (see `timedOut`, `error`). */
  status: number;
  /** The raw answer body (Socket Mode: the ack's `payload` as JSON). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Milliseconds from sending to the app's answer: the ack latency Slack's 3-second rule is about. */
  ackMs: number;
  timedOut: boolean;
  /** Connection error, when the app could not be reached. */
  error?: string;
}

/** A delivery that came with a `response_url` (slash commands, block actions). */
export interface InteractionResult extends DeliveryResult {
  responseUrl: string;
  responseUrlId: string;
  triggerId: string;
}

export interface EventResult extends DeliveryResult {
  eventId: string;
}
