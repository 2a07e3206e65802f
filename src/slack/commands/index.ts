// The routing table for slash commands: command → listener, registered with Bolt in one place.
import type { App } from "@slack/bolt";
import type { ResponseUrlPoster } from "../response-url.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { papersCommandListener } from "./papers-command.ts";
import { papersHandlers } from "./papers-handlers.ts";

/** Slash commands paperboy registers; manifest.yml must list exactly these (a test checks). */
export const COMMANDS = ["/papers"] as const;

export function registerCommands(app: App, features: SlackFeatures, responses: ResponseUrlPoster): void {
  app.command("/papers", papersCommandListener(features, papersHandlers, responses));
}
