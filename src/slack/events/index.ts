// The routing table for Events API events: event type → listener, registered with Bolt in one place.
import type { App } from "@slack/bolt";
import type { SlackFeatures } from "../slack-features.ts";
import { publishHome } from "./app-home.ts";
import { linkSharedListener } from "./link-shared.ts";
import { reactionAddedListener } from "./reaction-added.ts";
import { reactionRemovedListener } from "./reaction-removed.ts";
import { appMentionListener, threadMessageListener } from "./thread-events.ts";

export function registerEvents(app: App, features: SlackFeatures): void {
  app.event("app_mention", appMentionListener(features));
  app.event("link_shared", linkSharedListener(features));
  app.event("reaction_added", reactionAddedListener(features));
  app.event("reaction_removed", reactionRemovedListener(features));
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab === "home") await publishHome(features, client, event.user);
  });
  app.message(threadMessageListener(features));
}
