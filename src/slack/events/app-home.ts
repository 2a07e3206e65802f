// The App Home tab: the user's reading list and the channels' digest settings.
import type { WebClient } from "@slack/web-api";
import type { Paper } from "../../papers/paper.ts";
import { renderHomeView } from "../blocks/reading-list-home.ts";
import type { SlackFeatures } from "../slack-features.ts";

/** Publishes the Home tab for `user` (on app_home_opened, and after the reading list changes). */
export async function publishHome(features: SlackFeatures, client: WebClient, user: string): Promise<void> {
  const ids = await features.readingList.list(user);
  const found = await Promise.all(ids.map((id) => features.search.lookup(id).then((r) => r.paper)));
  const saved = found.filter((paper): paper is Paper => paper !== undefined);
  const channelSettingsMrkdwn = await features.digests.describeForHome();
  await client.views.publish({ user_id: user, view: renderHomeView({ saved, channelSettingsMrkdwn }) });
}
