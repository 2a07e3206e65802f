// `/papers like|unlike <id|url>`, `/papers settings reset learning`, and what `/papers settings` says the channel taught.

import type { KnownBlock } from "@slack/types";
import type { FeedbackItem } from "../../feedback/feedback-store.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import { renderNotice } from "../blocks/usage.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { isChannel, teachExplicitly, type Where } from "./teach-channel.ts";

const TITLES_SHOWN = 3;
const ONLY_IN_CHANNELS = "paperboy learns per channel; type this in the channel whose digest it is for.";

/** `/papers like <id>`: a seed paper for the channel, as *More like this*. */
export function likeCommand(features: SlackFeatures, where: Where, id: string): Promise<SlackMessage> {
  return teachExplicitly(features, where, id, "positive", "command");
}

/** `/papers unlike <id>`: forgets whatever the channel said about the paper. */
export async function unlikeCommand(
  features: SlackFeatures,
  where: Where,
  id: string,
): Promise<SlackMessage> {
  if (!isChannel(where.channel)) return renderNotice(ONLY_IN_CHANNELS);
  const removed = await features.feedback.remove(where.team, where.channel, id);
  return renderNotice(
    removed
      ? `Forgotten: paper ${id} no longer shapes this channel's digest.`
      : `This channel has taught paperboy nothing about paper ${id}; nothing changed.`,
  );
}

/** `/papers settings reset learning`: forgets every liked and disliked paper of the channel. */
export async function resetLearningCommand(features: SlackFeatures, where: Where): Promise<SlackMessage> {
  if (!isChannel(where.channel)) return renderNotice(ONLY_IN_CHANNELS);
  const count = await features.feedback.reset(where.team, where.channel);
  return renderNotice(
    count > 0
      ? `Forgotten: the ${count} paper${count === 1 ? "" : "s"} this channel liked or disliked. The digest is ranked by its topics alone again.`
      : "This channel had taught paperboy nothing yet; nothing changed.",
  );
}

/** The settings reply with a section on what the channel taught paperboy appended. */
export async function withLearningSummary(
  features: SlackFeatures,
  where: Where,
  settings: SlackMessage,
): Promise<SlackMessage> {
  if (!isChannel(where.channel)) return settings;
  const items = await features.feedback.list(where.team, where.channel).catch(() => undefined);
  const text =
    items === undefined
      ? "*What this channel taught paperboy*: could not be read right now."
      : describeLearning(items);
  const block: KnownBlock = { type: "section", text: { type: "mrkdwn", text } };
  return fitMessage({ text: settings.text, blocks: [...settings.blocks, block] });
}

/** Counts and the latest few titles of each kind, as safe mrkdwn. */
export function describeLearning(items: readonly FeedbackItem[]): string {
  if (items.length === 0)
    return "*What this channel taught paperboy*: nothing yet. Use *More like this* / *Less like this* in a paper's ⋯ menu, or `/papers like 2302.06675`.";
  const liked = items.filter((item) => item.kind === "positive");
  const disliked = items.filter((item) => item.kind === "negative");
  const explicit = liked.filter((item) => item.explicit).length;
  const lines = [
    `*What this channel taught paperboy*: more like ${liked.length} paper${liked.length === 1 ? "" : "s"} (${explicit} asked for, ${liked.length - explicit} from saves, discussions, shares and replies), fewer like ${disliked.length}.`,
  ];
  const titles = (list: readonly FeedbackItem[]) =>
    list
      .slice(0, TITLES_SHOWN)
      .map((item) => `_${escapeText(item.title, { singleLine: true, maxLength: 90 })}_`)
      .join(" · ");
  if (liked.length > 0) lines.push(`• More like: ${titles(liked)}`);
  if (disliked.length > 0) lines.push(`• Fewer like: ${titles(disliked)}`);
  lines.push("Forget it all with `/papers settings reset learning`; one paper with `/papers unlike ID`.");
  return lines.join("\n");
}
