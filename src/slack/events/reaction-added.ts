// Reactions on a paper message: 🔖 saves it to the reacting user's reading list; every reaction is counted for the roundup.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { teachImplicitly } from "../learning/teach-channel.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { publishHome } from "./app-home.ts";
import { reactionKind } from "./reaction-kinds.ts";

/** The paper a message paperboy posted shows, if any: reaction events carry only the message's channel and ts. */
export async function paperReactedTo(
  features: SlackFeatures,
  channel: string,
  ts: string,
): Promise<string | undefined> {
  // What paperboy remembered when posting: a shared card, else a discussion thread's root.
  return (
    (await features.readingList.paperAt({ channel, ts })) ??
    (await features.discussions.paperForThread(channel, ts))?.id
  );
}

export function reactionAddedListener(features: SlackFeatures) {
  return async ({ event, client, body }: SlackEventMiddlewareArgs<"reaction_added"> & AllMiddlewareArgs) => {
    if (event.item.type !== "message") return;
    const kind = reactionKind(event.reaction);
    // Without activity counting only 🔖 matters; other reactions cost no lookup.
    if (kind !== "saved" && !features.activity) return;
    const { channel, ts } = event.item;
    const paperId = await paperReactedTo(features, channel, ts);
    if (!paperId) return;
    if (kind !== "saved") {
      await features.activity?.recordActivity({ channel, paperId, kind });
      return;
    }
    if (await features.readingList.save(event.user, paperId)) {
      await features.activity?.recordActivity({ channel, paperId, kind: "saved" });
      await publishHome(features, client, event.user);
    }
    // Saving a paper a channel was shown says the channel wants papers like it.
    await teachImplicitly(features, { team: body.team_id, channel }, paperId, "save");
  };
}
