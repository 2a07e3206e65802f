// Unfurls arXiv, Hugging Face and alphaxiv paper links with the paper card.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import { renderPaperCard } from "../blocks/paper-card.ts";
import { discussedHere } from "../discussed-here.ts";
import type { SlackFeatures } from "../slack-features.ts";

// Slack allows a handful of unfurls per message; more links than this are left as they are.
const MAX_UNFURLS = 5;

export function linkSharedListener(features: SlackFeatures) {
  return async ({
    event,
    client,
    body,
    context,
  }: SlackEventMiddlewareArgs<"link_shared"> & AllMiddlewareArgs) => {
    // Unfurled in a channel that discussed the paper, the card links to that thread.
    const place = { team: context.teamId ?? body.team_id, channel: event.channel, client };
    const unfurls: Record<string, { blocks: ReturnType<typeof renderPaperCard> }> = {};
    for (const link of event.links.slice(0, MAX_UNFURLS)) {
      // Only the id is taken from the link: the URL itself is never fetched.
      const id = parsePaperRef(link.url);
      if (!id) continue;
      const found = await features.search.lookup(id);
      if (!found.paper) continue;
      const summary = await features.summarizer.cached(found.paper);
      const card: Parameters<typeof renderPaperCard>[1] = { actions: ["summarize", "discuss", "save"] };
      if (summary) card.tldr = { text: summary.tldr, label: summary.label };
      const discussed = (await discussedHere(features, place, [found.paper.id])).get(found.paper.id);
      if (discussed) card.discussed = discussed;
      unfurls[link.url] = { blocks: renderPaperCard(found.paper, card) };
    }
    if (Object.keys(unfurls).length === 0) return;
    const target =
      event.unfurl_id && event.source
        ? { unfurl_id: event.unfurl_id, source: event.source as "composer" | "conversations_history" }
        : { channel: event.channel, ts: event.message_ts };
    await client.chat.unfurl({ ...target, unfurls } as Parameters<typeof client.chat.unfurl>[0]);
  };
}
