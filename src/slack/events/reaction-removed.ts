// A reaction taken off a paper message takes its like or reaction off the roundup's counts (never below zero).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackFeatures } from "../slack-features.ts";
import { paperReactedTo } from "./reaction-added.ts";
import { reactionKind } from "./reaction-kinds.ts";

export function reactionRemovedListener(features: SlackFeatures) {
  return async ({ event }: SlackEventMiddlewareArgs<"reaction_removed"> & AllMiddlewareArgs) => {
    if (event.item.type !== "message" || !features.activity) return;
    const kind = reactionKind(event.reaction);
    // Taking 🔖 off leaves the paper on the reading list (it is removed there, from the Home tab), so the save
    // it counted still happened.
    if (kind === "saved") return;
    const paperId = await paperReactedTo(features, event.item.channel, event.item.ts);
    if (paperId) await features.activity.retractActivity({ channel: event.item.channel, paperId, kind });
  };
}
