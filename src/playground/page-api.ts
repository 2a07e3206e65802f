// The page's JSON API: what a person sees (channels, threads, App Home, activity) and what they do (type, click, react).
import type { IncomingMessage, ServerResponse } from "node:http";
import { userMessage } from "../errors.ts";
import type { PageActivity } from "./page-activity.ts";
import type { SlackStandIn } from "./slack-stand-in.ts";
import type { DeliveryResult, EphemeralMessage, StoredMessage } from "./stand-in-types.ts";
import { toWireText } from "./wire-text.ts";

/** What the page asks of the digests: the schedules to show and a way to run the next one now. */
export interface PlaygroundDigests {
  /** One line per channel with a digest (`09:00 UTC, daily · next …`), keyed by channel id. */
  schedules(): Promise<Record<string, string>>;
  /** Runs the soonest scheduled digest now; resolves with what happened, in a sentence. */
  runNext(): Promise<string>;
}

/** The slash command the page knows, with its description and usage hint as in manifest.yml. */
export const PAGE_COMMANDS = [
  {
    command: "/papers",
    description:
      "Search papers, show one, discuss it, or set this channel's digest, weekly roundup and journal club",
    usageHint: "diffusion transformers | 2302.06675 | discuss 2302.06675 | weekly on fri 16:00 | jc | help",
  },
];
const MAX_BODY_BYTES = 64 * 1024;
const MAX_TEXT_CHARS = 4_000;
const ACTIVITY_SHOWN = 300;

type Body = Record<string, unknown>;
const text = (body: Body, key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");

export function pageApiRoutes(options: { activity: PageActivity; digests?: PlaygroundDigests }) {
  const { activity } = options;

  return async (standIn: SlackStandIn, req: IncomingMessage, res: ServerResponse, route: string) => {
    const query = new URL(req.url ?? "/", "http://page").searchParams;
    const { workspace } = standIn;
    const person = (id: string) => workspace.users.find((user) => user.id === id && !user.isBot);
    const channelOf = (id: string) => workspace.channels.find((channel) => channel.id === id);
    try {
      if (req.method === "GET") {
        const user = query.get("user") ?? "";
        const channel = query.get("channel") ?? "";
        if (route === "workspace") {
          const schedules = (await options.digests?.schedules().catch(() => ({}))) ?? {};
          return json(res, 200, { workspace, schedules, commands: PAGE_COMMANDS });
        }
        if ((route === "channel" || route === "thread") && !channelOf(channel)) {
          return json(res, 404, { error: "No such channel." });
        }
        if (route === "channel") {
          const own = standIn.ephemerals(channel, user).filter((message) => !message.thread_ts);
          const merged = [...standIn.messages(channel).map(withUnfurls(standIn)), ...own.map(ephemeral)];
          return json(res, 200, { messages: merged.sort(byTs) });
        }
        if (route === "thread") {
          const ts = query.get("ts") ?? "";
          const own = standIn.ephemerals(channel, user).filter((message) => message.thread_ts === ts);
          const thread = standIn.thread(channel, ts).map(withUnfurls(standIn));
          return json(res, 200, { messages: [...thread, ...own.map(ephemeral)].sort(byTs) });
        }
        if (route === "home") return json(res, 200, { view: standIn.homeView(user)?.view ?? null });
        if (route === "file") {
          // An uploaded file (`/papers export`), downloaded as Slack would offer it.
          const file = standIn.files().find((candidate) => candidate.id === query.get("id"));
          if (!file?.content) return json(res, 404, { error: "No such file." });
          const name = file.filename.replace(/[^\w.-]/g, "_");
          res.writeHead(200, {
            "content-type": "text/plain; charset=utf-8",
            "content-disposition": `attachment; filename="${name}"`,
            "cache-control": "no-store",
          });
          res.end(file.content);
          return true;
        }
        if (route === "activity") return json(res, 200, { entries: activityEntries(standIn, activity) });
        return false;
      }
      if (req.method !== "POST") return false;
      // JSON only: another site's page cannot send that cross-origin without a preflight, which gets no answer.
      if (!req.headers["content-type"]?.startsWith("application/json")) {
        return json(res, 415, { error: "Send JSON (content-type: application/json)." });
      }
      const body = await readJson(req);
      const user = text(body, "user");
      if (!person(user)) return json(res, 400, { error: "Pick Alice or Bob first." });
      if (route === "home-opened") {
        const result = await standIn.sendEvent({ type: "app_home_opened", user, tab: "home" });
        activity.record({ type: "app_home_opened", payload: { user, tab: "home" }, ack: ack(result) });
        return json(res, 200, { ok: true });
      }
      if (route === "run-digest") {
        if (!options.digests) return json(res, 400, { error: "No digest is configured." });
        return json(res, 200, { ok: true, said: await options.digests.runNext() });
      }
      const channel = text(body, "channel");
      if (route === "click" && text(body, "surface") === "home") {
        const input = { actionId: text(body, "actionId"), user, surface: "home" as const };
        const result = await standIn.sendBlockAction({ ...input, ...optional(body, "value") });
        activity.record({
          type: "block_actions",
          payload: { ...input, ...optional(body, "value") },
          ack: ack(result),
        });
        return json(res, 200, { ok: true });
      }
      if (!channelOf(channel)) return json(res, 400, { error: "No such channel." });
      if (route === "send") {
        const typed = text(body, "text").trim();
        if (!typed) return json(res, 400, { error: "Type something first." });
        if (typed.length > MAX_TEXT_CHARS) return json(res, 400, { error: "That message is too long." });
        const slash = /^(\/\S+)\s*([\s\S]*)$/.exec(typed);
        if (slash) {
          const [, command = "", args = ""] = slash;
          if (!PAGE_COMMANDS.some((known) => known.command === command)) {
            return json(res, 400, { error: `${command} is not a command here. Try /papers help.` });
          }
          const result = await standIn.sendSlashCommand({ command, text: args, user, channel });
          activity.record({
            type: "slash_command",
            payload: { command, text: args, user_id: user, channel_id: channel },
            ack: ack(result),
          });
          return json(res, 200, { ok: true });
        }
        const wire = toWireText(typed, workspace);
        const threadTs = text(body, "threadTs");
        const sent = await standIn.sendUserMessage({
          text: wire,
          user,
          channel,
          ...(threadTs ? { threadTs } : {}),
        });
        for (const delivery of sent.deliveries) {
          activity.record({
            type: "event",
            payload: {
              event_id: delivery.eventId,
              text: wire,
              user,
              channel,
              ...(threadTs ? { thread_ts: threadTs } : {}),
            },
            ack: ack(delivery),
          });
        }
        return json(res, 200, { ok: true, ts: sent.message.ts });
      }
      if (route === "click") {
        const ts = text(body, "ts");
        const input = {
          actionId: text(body, "actionId"),
          user,
          channel,
          message: { ts, ephemeral: body.ephemeral === true },
          ...optional(body, "value"),
        };
        const result = await standIn.sendBlockAction(input);
        activity.record({
          type: "block_actions",
          payload: { action_id: input.actionId, value: input.value, user, channel, message_ts: ts },
          ack: ack(result),
        });
        return json(res, 200, { ok: true });
      }
      if (route === "react") {
        const name = text(body, "name");
        if (!/^[a-z0-9_+-]{1,40}$/.test(name)) return json(res, 400, { error: "Not a reaction name." });
        const reaction = { user, channel, ts: text(body, "ts"), name };
        // As in Slack, picking a reaction you already gave takes it back.
        const added = await standIn.addUserReaction(reaction);
        const result = added ?? (await standIn.removeUserReaction(reaction));
        if (!result) return json(res, 404, { error: "The message is gone." });
        activity.record({
          type: added ? "reaction_added" : "reaction_removed",
          payload: { reaction: name, user, item: { channel, ts: text(body, "ts") } },
          ack: ack(result),
        });
        return json(res, 200, { ok: true });
      }
      return false;
    } catch (error) {
      return json(res, 502, { error: userMessage(error), detail: (error as Error).message });
    }
  };
}

function optional(body: Body, key: string): { value?: string } {
  return typeof body[key] === "string" ? { value: body[key] as string } : {};
}

function ack(result: DeliveryResult): { status: number; ms: number; error?: string } {
  return {
    status: result.status,
    ms: Math.round(result.ackMs),
    ...(result.error ? { error: result.error } : {}),
  };
}

const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);

function ephemeral(message: EphemeralMessage) {
  return { ...message, ephemeral: true };
}

/** A message with the unfurls Slack would show under it (chat.unfurl by channel and ts, or by unfurl id). */
function withUnfurls(standIn: SlackStandIn) {
  const unfurls = standIn.unfurls();
  return (message: StoredMessage) => {
    const mine = unfurls.filter(
      (record) =>
        (record.channel === message.channel && record.ts === message.ts) ||
        record.unfurl_id === `${message.channel}.${message.ts}`,
    );
    return mine.length > 0 ? { ...message, unfurls: mine.map((record) => record.unfurls) } : message;
  };
}

/** Web API calls, response-URL posts, refused payloads and the page's deliveries, oldest first. */
function activityEntries(standIn: SlackStandIn, activity: PageActivity) {
  const entries = [
    ...standIn.calls().map((call) => ({ kind: "call", ...call })),
    ...standIn.responses().map((response) => ({ kind: "response", ...response })),
    ...standIn.rejected().map((rejected) => ({ kind: "rejected", ...rejected })),
    ...activity.list(),
  ];
  return entries.sort((a, b) => a.at - b.at).slice(-ACTIVITY_SHOWN);
}

async function readJson(req: IncomingMessage): Promise<Body> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  return typeof parsed === "object" && parsed !== null ? (parsed as Body) : {};
}

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}
