// Builds the bodies Slack sends an app: slash commands, event_callback wrappers and block_actions payloads.
import { randomBytes } from "node:crypto";
import type { Workspace } from "./workspace.ts";

/** The legacy verification token Slack still puts in every payload (Bolt ignores it; signatures matter). */
export const VERIFICATION_TOKEN = "stand-in-verification-token";

/** A fresh `trigger_id` in Slack's shape (`13345224609.738474920.8088930838d88f008e0`). */
export function newTriggerId(): string {
  const digits = () => String(Math.floor(Math.random() * 1e10));
  return `${digits()}.${digits()}.${randomBytes(16).toString("hex")}`;
}

/** A fresh `event_id` (`Ev0A1B2C3D4E`). */
export function newEventId(): string {
  return `Ev${randomBytes(6).toString("hex").toUpperCase()}`;
}

/**
 * The form fields of a slash command, every field Slack sends for a non-Enterprise workspace (no
 * `enterprise_id`/`enterprise_name`, which Slack only adds on Enterprise Grid). All values are strings,
 * `is_enterprise_install` included.
 */
export function buildSlashCommand(
  workspace: Workspace,
  fields: {
    command: string;
    text: string;
    user: string;
    channel: string;
    responseUrl: string;
    triggerId: string;
  },
): Record<string, string> {
  const user = workspace.users.find((candidate) => candidate.id === fields.user);
  const channel = workspace.channels.find((candidate) => candidate.id === fields.channel);
  return {
    token: VERIFICATION_TOKEN,
    team_id: workspace.team.id,
    team_domain: workspace.team.domain,
    channel_id: fields.channel,
    channel_name: channel?.name ?? "unknown",
    user_id: fields.user,
    user_name: user?.name ?? fields.user.toLowerCase(),
    command: fields.command,
    text: fields.text,
    api_app_id: workspace.appId,
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  };
}

/** The `event_callback` wrapper around an event, with the bot's authorization as Slack sends it. */
export function buildEventCallback(
  workspace: Workspace,
  event: Record<string, unknown>,
  fields: { eventId: string; eventTime: number },
): Record<string, unknown> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: workspace.team.id,
    context_team_id: workspace.team.id,
    context_enterprise_id: null,
    api_app_id: workspace.appId,
    event,
    type: "event_callback",
    event_id: fields.eventId,
    event_time: fields.eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.team.id,
        user_id: workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(fields.eventId).toString("base64url")}`,
  };
}

/** The `user` of a `block_actions` payload, as Slack describes the person who clicked. */
function actingUser(workspace: Workspace, id: string): Record<string, unknown> {
  const name = workspace.users.find((candidate) => candidate.id === id)?.name ?? id;
  return { id, username: name, name, team_id: workspace.team.id };
}

/** A clicked button, as it appears in `actions[]`. */
export interface ClickedButton {
  action_id: string;
  block_id: string;
  value?: string;
  text?: { type: "plain_text"; text: string; emoji?: boolean };
  /** Set for a choice in an overflow menu: Slack reports the element type and the option chosen. */
  type?: "overflow";
  selected_option?: { text: { type: "plain_text"; text: string }; value: string };
}

/** A `block_actions` payload for a button click on a message (channel or ephemeral). */
export function buildBlockAction(
  workspace: Workspace,
  fields: {
    user: string;
    channel: string;
    button: ClickedButton;
    messageTs: string;
    ephemeral: boolean;
    threadTs?: string;
    /** The message as Slack includes it; Slack omits it for ephemeral messages. */
    message?: Record<string, unknown>;
    responseUrl: string;
    triggerId: string;
    actionTs: string;
  },
): Record<string, unknown> {
  const channel = workspace.channels.find((candidate) => candidate.id === fields.channel);
  return {
    type: "block_actions",
    user: actingUser(workspace, fields.user),
    api_app_id: workspace.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: "message",
      message_ts: fields.messageTs,
      channel_id: fields.channel,
      is_ephemeral: fields.ephemeral,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: fields.triggerId,
    team: { id: workspace.team.id, domain: workspace.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: fields.channel, name: channel?.name ?? fields.channel },
    ...(fields.message ? { message: fields.message } : {}),
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [{ type: "button", ...fields.button, action_ts: fields.actionTs }],
  };
}

/**
 * A `block_actions` payload for a button in the user's App Home tab: the container is the view, the
 * payload carries the view, and (as in Slack) there is no channel and no `response_url`.
 */
export function buildViewBlockAction(
  workspace: Workspace,
  fields: {
    user: string;
    button: ClickedButton;
    view: { id: string; view: Record<string, unknown> } | undefined;
    triggerId: string;
    actionTs: string;
  },
): Record<string, unknown> {
  const viewId = fields.view?.id ?? "V0STANDIN";
  return {
    type: "block_actions",
    user: actingUser(workspace, fields.user),
    api_app_id: workspace.appId,
    token: VERIFICATION_TOKEN,
    container: { type: "view", view_id: viewId },
    trigger_id: fields.triggerId,
    team: { id: workspace.team.id, domain: workspace.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    view: {
      type: "home",
      blocks: [],
      ...fields.view?.view,
      id: viewId,
      team_id: workspace.team.id,
      app_id: workspace.appId,
      bot_id: workspace.botId,
      state: { values: {} },
    },
    actions: [{ type: "button", ...fields.button, action_ts: fields.actionTs }],
  };
}
