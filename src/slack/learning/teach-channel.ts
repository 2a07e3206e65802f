// Slack's side of learning: explicit feedback with an acknowledgement that says what changed, and implicit positives.
import type { FeedbackKind, FeedbackSource } from "../../feedback/feedback-store.ts";
import type { Paper } from "../../papers/paper.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { renderNotice } from "../blocks/usage.ts";
import { findPaper } from "../paper-actions.ts";
import type { SlackFeatures } from "../slack-features.ts";

export interface Where {
  team: string;
  channel: string;
}

const NOT_IN_A_CHANNEL =
  "paperboy learns per channel: use *More like this* / *Less like this* on a paper shown in a channel.";

/**
 * *More like this* / *Less like this* (or `/papers like`): records it for the channel and says what
 * changed and what the channel has taught so far. Only the person who clicked sees the answer.
 */
export async function teachExplicitly(
  features: SlackFeatures,
  where: Where,
  paperId: string,
  kind: FeedbackKind,
  source: FeedbackSource,
): Promise<SlackMessage> {
  if (!isChannel(where.channel)) return renderNotice(NOT_IN_A_CHANNEL);
  const paper = await findPaper(features, paperId);
  if (!paper) return renderNotice(`No paper ${paperId} was found in the index, on Hugging Face or on arXiv.`);
  const change = await features.feedback.record(where.team, where.channel, paper, {
    kind,
    explicit: true,
    source,
  });
  // A new *More like this* is also a like in the channel's weekly counts (the roundup's most-liked papers).
  if (kind === "positive" && change !== "unchanged")
    await features.activity?.recordActivity({ channel: where.channel, paperId: paper.id, kind: "liked" });
  const items = await features.feedback.list(where.team, where.channel);
  const liked = items.filter((item) => item.kind === "positive").length;
  const disliked = items.length - liked;
  const title = `“${paper.title.replace(/\s+/g, " ").trim()}”`;
  const what =
    kind === "positive"
      ? change === "unchanged"
        ? `This channel already asked for more papers like ${title}.`
        : `Noted: this channel's digest will rank papers like ${title} higher${change === "changed" ? " (it was marked *Less like this* before)" : ""}.`
      : change === "unchanged"
        ? `This channel already asked for fewer papers like ${title}.`
        : `Noted: this channel's digest will rank papers like ${title} lower${change === "changed" ? " (it was marked *More like this* before)" : ""}.`;
  return renderNotice(
    `${what} So far this channel likes ${count(liked)} and wants fewer like ${count(disliked)}. Undo with \`/papers unlike ${paper.id}\`; see \`/papers settings\`.`,
  );
}

/**
 * Saving, discussing, sharing or replying in a paper's thread counts as a (weaker) liking of the paper in
 * that channel. Never throws: a failure here must not spoil the action itself.
 */
export async function teachImplicitly(
  features: SlackFeatures,
  where: Where,
  paper: Paper | string,
  source: FeedbackSource,
): Promise<void> {
  if (!isChannel(where.channel)) return;
  try {
    const found = typeof paper === "string" ? await findPaper(features, paper) : paper;
    if (!found) return;
    await features.feedback.record(where.team, where.channel, found, {
      kind: "positive",
      explicit: false,
      source,
    });
  } catch (error) {
    features.logger.warn({ err: error, channel: where.channel, source }, "implicit feedback not recorded");
  }
}

/** Public and private channels (C…, G…); direct messages and the App Home have no channel digest. */
export function isChannel(channel: string): boolean {
  return /^[CG][A-Z0-9]+$/.test(channel);
}

function count(n: number): string {
  return `${n} paper${n === 1 ? "" : "s"}`;
}
