// The Web API methods the stand-in implements, answering in Slack's response shapes (`ok`, `ts`, `channel`, …).
import { completeUploadExternal, getUploadUrlExternal } from "./file-methods.ts";
import type { FileStore } from "./file-store.ts";
import type { MessageStore } from "./message-store.ts";
import type { MessageMetadata, StoredMessage } from "./stand-in-types.ts";
import { type ChannelFixture, channelInfo, resolveChannel, userInfo, type Workspace } from "./workspace.ts";

/** What a method handler needs from the stand-in. */
export interface WebApiContext {
  workspace: Workspace;
  store: MessageStore;
  files: FileStore;
  now: () => number;
  /** Base URL of the stand-in, for permalinks. */
  baseUrl: string;
  /** Issues a Socket Mode URL (`ws://…`) for apps.connections.open. */
  openSocketUrl: () => string;
}

export type Params = Record<string, unknown>;
export type ApiResult = Record<string, unknown> & { ok: boolean };
type Handler = (ctx: WebApiContext, params: Params) => ApiResult;

const fail = (error: string, extra: Record<string, unknown> = {}): ApiResult => ({
  ok: false,
  error,
  ...extra,
});
const str = (params: Params, key: string): string | undefined =>
  typeof params[key] === "string" && params[key] !== "" ? (params[key] as string) : undefined;
/** Form fields arrive as strings: WebClient sends `true` as "true". */
export const flag = (value: unknown): boolean =>
  value === true || value === "true" || value === "1" || value === 1;

/** A message as Slack returns it: no `channel` field, `metadata` only when asked for. */
export function toWire(message: StoredMessage, withMetadata = true): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = message;
  return withMetadata && metadata ? { ...rest, metadata } : rest;
}

function channelOf(ctx: WebApiContext, params: Params, forPosting = false): ChannelFixture | ApiResult {
  const ref = str(params, "channel");
  if (!ref) return fail("channel_not_found");
  const channel = resolveChannel(ctx.workspace, ref);
  if (!channel) return fail("channel_not_found");
  // Public channels accept posts without joining (chat:write.public, as paperboy's manifest asks for).
  if (forPosting && channel.isPrivate && !channel.botIsMember) return fail("not_in_channel");
  return channel;
}

const isFailure = (value: ChannelFixture | ApiResult): value is ApiResult => "ok" in value;

function metadataOf(params: Params): MessageMetadata | undefined | ApiResult {
  const { metadata } = params;
  if (metadata === undefined) return undefined;
  const shape = metadata as Partial<MessageMetadata> | null;
  if (
    typeof shape?.event_type !== "string" ||
    typeof shape.event_payload !== "object" ||
    !shape.event_payload
  ) {
    return fail("invalid_metadata_format");
  }
  return { event_type: shape.event_type, event_payload: shape.event_payload };
}

function arrayOf(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

const postMessage: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params, true);
  if (isFailure(channel)) return channel;
  const metadata = metadataOf(params);
  if (metadata && "ok" in metadata) return metadata;
  const threadTs = str(params, "thread_ts");
  const message = ctx.store.post(channel.id, {
    user: ctx.workspace.botUserId,
    bot: { botId: ctx.workspace.botId, appId: ctx.workspace.appId },
    text: str(params, "text") ?? "",
    ...(arrayOf(params.blocks) ? { blocks: arrayOf(params.blocks) } : {}),
    ...(arrayOf(params.attachments) ? { attachments: arrayOf(params.attachments) } : {}),
    ...(metadata ? { metadata } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  return { ok: true, channel: channel.id, ts: message.ts, message: toWire(message) };
};

const postEphemeral: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params, true);
  if (isFailure(channel)) return channel;
  const user = str(params, "user");
  if (!user || !ctx.workspace.users.some((candidate) => candidate.id === user))
    return fail("user_not_in_channel");
  const threadTs = str(params, "thread_ts");
  const blocks = arrayOf(params.blocks);
  const message = ctx.store.addEphemeral({
    channel: channel.id,
    user,
    text: str(params, "text") ?? "",
    via: "chat.postEphemeral",
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return { ok: true, message_ts: message.ts };
};

function ownMessage(ctx: WebApiContext, params: Params, tsKey: string, denied: string) {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  const ts = str(params, tsKey);
  const message = ts ? ctx.store.find(channel.id, ts) : undefined;
  if (!message) return fail("message_not_found");
  if (message.user !== ctx.workspace.botUserId) return fail(denied);
  return message;
}

const update: Handler = (ctx, params) => {
  const message = ownMessage(ctx, params, "ts", "cant_update_message");
  if ("ok" in message) return message;
  const metadata = metadataOf(params);
  if (metadata && "ok" in metadata) return metadata;
  // Slack keeps the previous blocks when `blocks` is omitted; `[]` removes them.
  const change: Parameters<MessageStore["update"]>[2] = { text: str(params, "text") ?? "" };
  const blocks = arrayOf(params.blocks);
  if (blocks) change.blocks = blocks;
  const attachments = arrayOf(params.attachments);
  if (attachments) change.attachments = attachments;
  if (metadata) change.metadata = metadata;
  const updated = ctx.store.update(message.channel, message.ts, change);
  if (!updated) return fail("message_not_found");
  return { ok: true, channel: message.channel, ts: message.ts, text: updated.text, message: toWire(updated) };
};

const remove: Handler = (ctx, params) => {
  const message = ownMessage(ctx, params, "ts", "cant_delete_message");
  if ("ok" in message) return message;
  ctx.store.delete(message.channel, message.ts);
  return { ok: true, channel: message.channel, ts: message.ts };
};

const unfurl: Handler = (ctx, params) => {
  const { unfurls } = params;
  if (typeof unfurls !== "object" || unfurls === null) return fail("invalid_unfurls_format");
  const hasMessage = str(params, "channel") && str(params, "ts");
  const hasUnfurlId = str(params, "unfurl_id") && str(params, "source");
  if (!hasMessage && !hasUnfurlId) return fail("invalid_arguments");
  const record: Parameters<MessageStore["addUnfurl"]>[0] = { unfurls: unfurls as Params, at: ctx.now() };
  for (const key of ["channel", "ts", "unfurl_id", "source"] as const) {
    const value = str(params, key);
    if (value) record[key] = value;
  }
  ctx.store.addUnfurl(record);
  return { ok: true };
};

const getPermalink: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  const ts = str(params, "message_ts");
  const message = ts ? ctx.store.find(channel.id, ts) : undefined;
  if (!message) return fail("message_not_found");
  const base = `${ctx.baseUrl}/archives/${channel.id}/p${message.ts.replace(".", "")}`;
  const inThread = message.thread_ts && message.thread_ts !== message.ts;
  const permalink = inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
  return { ok: true, channel: channel.id, permalink };
};

/**
 * One page of `messages` (in the order the method lists them). As Slack's does, the cursor names the next
 * page's first message by its ts (`next_ts:…`, base64), so messages posted or deleted between two calls
 * neither repeat nor get skipped.
 */
function page(messages: StoredMessage[], params: Params, order: "newest_first" | "oldest_first"): ApiResult {
  const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
  const cursor = str(params, "cursor");
  // Stand-in timestamps all have the same width, so they compare as strings.
  const from = cursor ? Buffer.from(cursor, "base64").toString().replace("next_ts:", "") : undefined;
  const start = from
    ? messages.findIndex((message) => (order === "newest_first" ? message.ts <= from : message.ts >= from))
    : 0;
  const rest = start < 0 ? [] : messages.slice(start);
  const withMetadata = flag(params.include_all_metadata);
  const slice = rest.slice(0, limit).map((message) => toWire(message, withMetadata));
  const next = rest[limit];
  const nextCursor = next ? Buffer.from(`next_ts:${next.ts}`).toString("base64") : "";
  return {
    ok: true,
    messages: slice,
    has_more: next !== undefined,
    response_metadata: { next_cursor: nextCursor },
  };
}

function inRange(ts: string, params: Params): boolean {
  const inclusive = flag(params.inclusive);
  const oldest = str(params, "oldest");
  const latest = str(params, "latest");
  const value = Number(ts);
  if (oldest && (inclusive ? value < Number(oldest) : value <= Number(oldest))) return false;
  if (latest && (inclusive ? value > Number(latest) : value >= Number(latest))) return false;
  return true;
}

const history: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  const newestFirst = ctx.store.topLevel(channel.id).filter((message) => inRange(message.ts, params));
  return { ...page(newestFirst.reverse(), params, "newest_first"), pin_count: 0 };
};

const replies: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  const ts = str(params, "ts");
  const thread = ts ? ctx.store.thread(channel.id, ts) : [];
  if (thread.length === 0) return fail("thread_not_found");
  return page(thread, params, "oldest_first");
};

const info: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  return { ok: true, channel: channelInfo(channel, Math.floor(ctx.now() / 1000)) };
};

const join: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  if (channel.isPrivate) return fail("method_not_supported_for_channel_type");
  channel.botIsMember = true;
  return { ok: true, channel: channelInfo(channel, Math.floor(ctx.now() / 1000)) };
};

const open: Handler = (ctx, params) => {
  const users = str(params, "users")?.split(",") ?? [];
  const channel = users.length === 1 && users[0] ? resolveChannel(ctx.workspace, users[0]) : undefined;
  if (!channel?.dmWith) return fail("user_not_found");
  return { ok: true, channel: { id: channel.id } };
};

const publishView: Handler = (ctx, params) => {
  const user = str(params, "user_id");
  if (!user || !ctx.workspace.users.some((candidate) => candidate.id === user)) return fail("user_not_found");
  const view = params.view;
  if (typeof view !== "object" || view === null) return fail("invalid_arguments");
  const published = ctx.store.publishView(user, view as Params);
  return { ok: true, view: { id: published.id, team_id: ctx.workspace.team.id, ...(view as Params) } };
};

const addReaction: Handler = (ctx, params) => {
  const channel = channelOf(ctx, params);
  if (isFailure(channel)) return channel;
  const ts = str(params, "timestamp");
  const name = str(params, "name");
  if (!name) return fail("invalid_name");
  const message = ts ? ctx.store.find(channel.id, ts) : undefined;
  if (!message) return fail("message_not_found");
  if (!ctx.store.addReaction(message, name, ctx.workspace.botUserId)) return fail("already_reacted");
  return { ok: true };
};

const usersInfo: Handler = (ctx, params) => {
  const user = ctx.workspace.users.find((candidate) => candidate.id === str(params, "user"));
  return user ? { ok: true, user: userInfo(user, ctx.workspace.team) } : fail("user_not_found");
};

/** The workspace's people, one page per call: `cursor` is the index of the page's first member, as a string. */
const usersList: Handler = (ctx, params) => {
  const limit = Math.min(Math.max(Number(params.limit ?? 200) || 200, 1), 1000);
  const start = Number(str(params, "cursor") ?? 0) || 0;
  const members = ctx.workspace.users
    .slice(start, start + limit)
    .map((user) => userInfo(user, ctx.workspace.team));
  const next = start + limit < ctx.workspace.users.length ? String(start + limit) : "";
  return { ok: true, members, response_metadata: { next_cursor: next } };
};

const authTest: Handler = (ctx) => ({
  ok: true,
  url: `${ctx.baseUrl}/`,
  team: ctx.workspace.team.name,
  user: "paperboy",
  team_id: ctx.workspace.team.id,
  user_id: ctx.workspace.botUserId,
  bot_id: ctx.workspace.botId,
  is_enterprise_install: false,
});

/** Every implemented method; anything else answers `unknown_method`. */
export const WEB_API_METHODS: Record<string, Handler> = {
  "auth.test": authTest,
  "apps.connections.open": (ctx) => ({ ok: true, url: ctx.openSocketUrl() }),
  "chat.postMessage": postMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.update": update,
  "chat.delete": remove,
  "chat.unfurl": unfurl,
  "chat.getPermalink": getPermalink,
  "conversations.history": history,
  "conversations.replies": replies,
  "conversations.info": info,
  "conversations.join": join,
  "conversations.open": open,
  "views.publish": publishView,
  "reactions.add": addReaction,
  "users.info": usersInfo,
  "users.list": usersList,
  "files.getUploadURLExternal": getUploadUrlExternal,
  "files.completeUploadExternal": completeUploadExternal,
};
