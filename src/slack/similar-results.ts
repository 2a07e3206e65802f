// Similar papers for Slack: the paper's neighbours rendered like search results (cached TL;DRs only).
import { missingPaperText } from "../papers/missing-paper.ts";
import type { SlackMessage } from "./blocks/paper-card.ts";
import { PAPERS_PER_PAGE, type PaperListHit, renderPaperListMessage } from "./blocks/paper-list-message.ts";
import { renderNotice } from "./blocks/usage.ts";
import type { SlackFeatures } from "./slack-features.ts";

/** The papers like `id` as a message: `/papers similar <id>` and the card menu's *Similar papers*. */
export async function similarPapersPage(features: SlackFeatures, id: string): Promise<SlackMessage> {
  if (!features.similar) return renderNotice("Similar papers are not available on this paperboy.");
  const outcome = await features.similar.find(id, { limit: PAPERS_PER_PAGE });
  if (!outcome.paper) return renderNotice(missingPaperText(id, outcome));
  if (outcome.hits.length === 0)
    return renderNotice(`paperboy knows no papers like “${outcome.paper.title}” yet.`);
  const hits: PaperListHit[] = await Promise.all(
    outcome.hits.map(async (hit) => {
      const summary = await features.summarizer.cached(hit.paper);
      const listHit: PaperListHit = { paper: hit.paper, snippet: hit.snippet };
      if (summary) listHit.tldr = { text: summary.tldr, label: summary.label };
      return listHit;
    }),
  );
  return renderPaperListMessage(hits, {
    query: outcome.paper.title,
    heading: "Papers like",
    page: 1,
    hasMore: false,
  });
}
