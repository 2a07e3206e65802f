import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { App } from "@slack/bolt";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerActions } from "../../src/slack/actions/index.ts";
import { registerCommands } from "../../src/slack/commands/index.ts";
import { registerEvents } from "../../src/slack/events/index.ts";
import type { ResponseUrlPoster } from "../../src/slack/response-url.ts";
import type { SlackFeatures } from "../../src/slack/slack-features.ts";
import {
  COMMAND_SCOPES,
  EVENT_SCOPES,
  requiredBotScopes,
  WEB_API_SCOPES,
} from "../../src/slack/slack-scopes.ts";

const schema = JSON.parse(readFileSync("vendor/slack-manifest-schema/manifest.schema.1.0.0.json", "utf8"));
const manifests = {
  http: parse(readFileSync("manifest.yml", "utf8")),
  socket: parse(readFileSync("manifest.socket-mode.yml", "utf8")),
};

/** Registers every listener on a recorder instead of Bolt, to see what the code listens to. */
function registeredListeners() {
  const seen = { commands: [] as string[], actions: [] as string[], events: [] as string[], messages: 0 };
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    action: (id: string) => seen.actions.push(id),
    event: (name: string) => seen.events.push(name),
    message: () => {
      seen.messages += 1;
    },
  } as unknown as App;
  const features = {} as SlackFeatures;
  const responses = {} as ResponseUrlPoster;
  registerCommands(recorder, features, responses);
  registerActions(recorder, features, responses);
  registerEvents(recorder, features);
  return seen;
}

/** Web API methods the product code calls (`client.chat.postMessage(` and the like), outside the stand-in. */
function webApiMethodsCalled(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "playground") walk(path);
      } else if (path.endsWith(".ts")) files.push(path);
    }
  };
  walk("src");
  const methods = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(
      /\.(auth|chat|conversations|files|views|reactions|users)\.([a-zA-Z]+)\(/g,
    )) {
      methods.add(`${match[1]}.${match[2]}`);
    }
  }
  return [...methods].sort();
}

describe("manifest.yml", () => {
  it.each(Object.entries(manifests))(
    "(%s mode) is valid against Slack's official manifest schema",
    (_mode, manifest) => {
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      const validate = ajv.compile(schema);
      expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    },
  );

  it("lists exactly the slash commands the code registers", () => {
    const { commands } = registeredListeners();
    for (const manifest of Object.values(manifests)) {
      expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual(
        commands.sort(),
      );
    }
  });

  it("subscribes to exactly the events the code listens to", () => {
    const { events, messages } = registeredListeners();
    // app.message() listens to message events; the manifest names them per conversation type.
    const expected = [...events, ...(messages > 0 ? ["message.channels", "message.groups"] : [])].sort();
    expect(Object.keys(EVENT_SCOPES).sort()).toEqual(expected);
    for (const manifest of Object.values(manifests)) {
      expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
    }
  });

  it("enables interactivity because the code handles button actions", () => {
    const { actions } = registeredListeners();
    expect(actions.length).toBeGreaterThan(0);
    for (const manifest of Object.values(manifests))
      expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("asks for exactly the scopes the commands, events and Web API calls need", () => {
    expect(webApiMethodsCalled().filter((m) => !(m in WEB_API_SCOPES))).toEqual([]);
    expect(COMMAND_SCOPES).toEqual(["commands"]);
    for (const manifest of Object.values(manifests)) {
      expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
    }
  });

  it("unfurls the domains whose links the bot can read as papers", () => {
    for (const manifest of Object.values(manifests)) {
      expect(manifest.features.unfurl_domains).toEqual([
        "arxiv.org",
        "huggingface.co",
        "hf.co",
        "alphaxiv.org",
      ]);
    }
  });

  it("uses Socket Mode without request URLs in the Socket Mode manifest, and HTTPS URLs otherwise", () => {
    expect(manifests.socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifests.socket)).not.toContain("request_url");
    expect(manifests.http.settings.socket_mode_enabled).toBe(false);
    expect(manifests.http.settings.event_subscriptions.request_url).toMatch(/^https:\/\/.+\/slack\/events$/);
  });
});
