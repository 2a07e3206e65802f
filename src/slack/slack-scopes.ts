// The OAuth scopes behind every Web API method, event and command paperboy uses; manifest.yml must match (a test checks).

/** Web API methods paperboy calls, with the bot scopes each needs. */
export const WEB_API_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  // chat:write.public lets digests post in public channels the bot was never invited to.
  "chat.postMessage": ["chat:write", "chat:write.public"],
  "chat.postEphemeral": ["chat:write"],
  "chat.getPermalink": [],
  // The journal club redraws its own messages: vote counts on nomination cards, the presenter on announcements.
  "chat.update": ["chat:write"],
  "chat.unfurl": ["links:write"],
  // Digest crash recovery reads the channel's recent history once.
  "conversations.history": ["channels:history", "groups:history"],
  "views.publish": [],
  // `/papers jc presenter @name`: the command's text has the handle (escaping is off), not the user id.
  "users.list": ["users:read"],
  // `/papers export mine` sends the file to the person's DM with paperboy.
  "conversations.open": ["im:write"],
  // The files.uploadV2 helper: files.getUploadURLExternal, the upload, files.completeUploadExternal.
  "files.uploadV2": ["files:write"],
};

/** Events API subscriptions (manifest names), with the bot scopes each needs. */
export const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ["app_mentions:read"],
  app_home_opened: [],
  link_shared: ["links:read"],
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
  reaction_added: ["reactions:read"],
  reaction_removed: ["reactions:read"],
};

export const COMMAND_SCOPES = ["commands"];

/** Every bot scope the code needs, sorted. */
export function requiredBotScopes(): string[] {
  const all = [...Object.values(WEB_API_SCOPES), ...Object.values(EVENT_SCOPES), COMMAND_SCOPES].flat();
  return [...new Set(all)].sort();
}
