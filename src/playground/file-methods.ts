// files.getUploadURLExternal and files.completeUploadExternal, the Web API half of files.uploadV2.
import type { FileStore } from "./file-store.ts";
import type { MessageStore } from "./message-store.ts";
import { resolveChannel, type Workspace } from "./workspace.ts";

type Params = Record<string, unknown>;
type ApiResult = Record<string, unknown> & { ok: boolean };

/** What the file methods need from the stand-in. */
export interface FileMethodContext {
  workspace: Workspace;
  store: MessageStore;
  files: FileStore;
  baseUrl: string;
}

const fail = (error: string): ApiResult => ({ ok: false, error });

/** Slack's file object, as much of it as apps read. */
function fileObject(file: ReturnType<FileStore["create"]>) {
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    size: file.content?.length ?? file.length,
    created: Math.floor(file.at / 1000),
  };
}

export function getUploadUrlExternal(ctx: FileMethodContext, params: Params): ApiResult {
  const filename = typeof params.filename === "string" ? params.filename : "";
  const length = Number(params.length);
  if (!filename) return fail("invalid_arguments");
  if (!Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
  const file = ctx.files.create(filename, length);
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/${file.id}`, file_id: file.id };
}

export function completeUploadExternal(ctx: FileMethodContext, params: Params): ApiResult {
  const listed = Array.isArray(params.files)
    ? (params.files as Array<{ id?: unknown; title?: unknown }>)
    : [];
  if (listed.length === 0) return fail("invalid_arguments");
  const files = listed.map((entry) => (typeof entry.id === "string" ? ctx.files.get(entry.id) : undefined));
  // Slack refuses to complete a file whose bytes never arrived.
  if (files.some((file) => !file?.content || file.completed)) return fail("file_not_found");
  const channelRef =
    typeof params.channel_id === "string" && params.channel_id ? params.channel_id : undefined;
  const channel = channelRef ? resolveChannel(ctx.workspace, channelRef) : undefined;
  if (channelRef && !channel) return fail("channel_not_found");
  if (channel?.isPrivate && !channel.botIsMember) return fail("not_in_channel");
  const comment = typeof params.initial_comment === "string" ? params.initial_comment : undefined;
  const done = files.flatMap((file, index) => {
    if (!file) return [];
    const title = listed[index]?.title;
    if (typeof title === "string" && title) file.title = title;
    file.completed = true;
    if (channel) file.channel = channel.id;
    if (comment) file.initialComment = comment;
    return [fileObject(file)];
  });
  // Sharing into a channel shows as a message from the bot carrying the files.
  if (channel) {
    ctx.store.post(channel.id, {
      user: ctx.workspace.botUserId,
      bot: { botId: ctx.workspace.botId, appId: ctx.workspace.appId },
      text: comment ?? "",
      files: done,
      ...(typeof params.thread_ts === "string" && params.thread_ts ? { threadTs: params.thread_ts } : {}),
    });
  }
  return { ok: true, files: done };
}
