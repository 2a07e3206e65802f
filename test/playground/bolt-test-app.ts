// A throwaway Bolt app for exercising the Slack stand-in: one command, one mention handler, one button.
import type { AddressInfo } from "node:net";
import { App, type Logger, LogLevel } from "@slack/bolt";
import type { SlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.ts";

/** What the app saw, for assertions. */
export interface Seen {
  commands: string[];
  mentions: Array<{ ts: string; retryNum: number | undefined }>;
  actions: string[];
  errors: unknown[];
}

export interface TestApp {
  app: App;
  seen: Seen;
  stop(): Promise<void>;
}

/** A Bolt logger that stays quiet (the SDK logs warnings the tests provoke on purpose). */
export function quietLogger(): Logger {
  let level = LogLevel.ERROR;
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: noop,
  };
}

/**
 * Starts the app against the stand-in: HTTP mode listens on 127.0.0.1:0 and registers its URL with the
 * stand-in; Socket Mode connects through apps.connections.open.
 */
export async function startTestApp(standIn: SlackStandIn, mode: "http" | "socket"): Promise<TestApp> {
  const clientOptions = { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 };
  const common = { token: standIn.botToken, logger: quietLogger(), clientOptions };
  const app =
    mode === "http"
      ? new App({ ...common, signingSecret: standIn.signingSecret })
      : new App({ ...common, appToken: standIn.appToken, socketMode: true });
  const seen: Seen = { commands: [], mentions: [], actions: [], errors: [] };

  app.command("/papers", async ({ command, ack, respond, client }) => {
    await ack();
    seen.commands.push(command.text);
    try {
      if (command.text === "unsafe") await respond({ text: "<!channel> look at this" });
      else if (command.text === "huge") {
        const blocks = Array.from({ length: 51 }, () => ({ type: "divider" as const }));
        await client.chat.postMessage({ channel: command.channel_id, text: "too many blocks", blocks });
      } else {
        await respond({
          text: `Results for ${escapeMrkdwn(command.text)}`,
          blocks: [
            {
              type: "section",
              text: { type: "mrkdwn", text: `Results for *${escapeMrkdwn(command.text)}*` },
            },
            {
              type: "actions",
              elements: [
                {
                  type: "button",
                  action_id: "paper_discuss",
                  text: { type: "plain_text", text: "Discuss" },
                  value: "2302.06675",
                },
              ],
            },
          ],
        });
      }
    } catch (error) {
      seen.errors.push(error);
    }
  });

  app.event("app_mention", async ({ event, say, context }) => {
    seen.mentions.push({ ts: event.ts, retryNum: context.retryNum });
    try {
      await say({ text: `Hi <@${event.user}>`, thread_ts: event.thread_ts ?? event.ts });
    } catch (error) {
      seen.errors.push(error);
    }
  });

  app.action("paper_discuss", async ({ ack, body, respond, client, action }) => {
    await ack();
    const value = "value" in action ? String(action.value) : "";
    seen.actions.push(value);
    try {
      const channel = body.channel?.id ?? "";
      await client.chat.postMessage({
        channel,
        text: `Discussing ${escapeMrkdwn(value)}`,
        metadata: { event_type: "paperboy_discussion", event_payload: { paper_id: value } },
      });
      await respond({ replace_original: true, text: "Posted for discussion." });
    } catch (error) {
      seen.errors.push(error);
    }
  });

  if (mode === "http") {
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as import("node:http").Server;
    const { port } = server.address() as AddressInfo;
    standIn.setAppUrl(`http://127.0.0.1:${port}/slack/events`);
  } else {
    await app.start();
  }
  return {
    app,
    seen,
    stop: async () => {
      await app.stop();
      standIn.setAppUrl(undefined);
    },
  };
}
