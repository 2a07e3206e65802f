// A 🔖 (bookmark) reaction on a paper message saves that paper to the reacting user's reading list.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { teachImplicitly } from "../learning/teach-channel.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { publishHome } from "./app-home.ts";

export const SAVE_REACTION = "bookmark";

export function reactionAddedListener(features: SlackFeatures) {
  return async ({ event, client, body }: SlackEventMiddlewareArgs<"reaction_added"> & AllMiddlewareArgs) => {
    if (event.reaction !== SAVE_REACTION || event.item.type !== "message") return;
    const { channel, ts } = event.item;
    // The event carries only channel and ts; the paper comes from what paperboy remembered when posting.
    const paperId =
      (await features.readingList.paperAt({ channel, ts })) ??
      (await features.discussions.paperForThread(channel, ts))?.id;
    if (!paperId) return;
    if (await features.readingList.save(event.user, paperId)) await publishHome(features, client, event.user);
    // Saving a paper a channel was shown says the channel wants papers like it.
    await teachImplicitly(features, { team: body.team_id, channel }, paperId, "save");
  };
}
