// Runs a search for Slack and renders a page of it: cached TL;DRs only, so a search never waits for the LLM.

import { sourceNames } from "../papers/missing-paper.ts";
import { partialMatchNote } from "../papers/query-coverage.ts";
import type { SlackMessage } from "./blocks/paper-card.ts";
import { PAPERS_PER_PAGE, type PaperListHit, renderPaperListMessage } from "./blocks/paper-list-message.ts";
import { type CardPlace, discussedHere } from "./discussed-here.ts";
import type { SlackFeatures } from "./slack-features.ts";

/** The page `page` (1-based) of results for `query`, ready to send. */
export async function searchResultsPage(
  features: SlackFeatures,
  query: string,
  page: number,
  /** The channel the results are shown in: papers discussed there say so. */
  place?: CardPlace,
): Promise<SlackMessage> {
  const started = performance.now();
  // One extra hit tells whether a next page exists.
  const outcome = await features.search.search(query, {
    limit: PAPERS_PER_PAGE + 1,
    offset: (page - 1) * PAPERS_PER_PAGE,
  });
  features.metrics?.searchSeconds.observe((performance.now() - started) / 1000);
  features.metrics?.searches.inc({ outcome: outcome.hits.length > 0 ? "hits" : "empty" });

  const shown = outcome.hits.slice(0, PAPERS_PER_PAGE);
  const discussed = await discussedHere(
    features,
    place,
    shown.map((hit) => hit.paper.id),
  );
  const hits: PaperListHit[] = await Promise.all(
    shown.map(async (hit) => {
      const summary = await features.summarizer.cached(hit.paper);
      const listHit: PaperListHit = { paper: hit.paper, snippet: hit.snippet, foundVia: hit.foundVia };
      if (summary) listHit.tldr = { text: summary.tldr, label: summary.label };
      const here = discussed.get(hit.paper.id);
      if (here) listHit.discussed = here;
      return listHit;
    }),
  );
  // Full matches rank first, so only the first page can tell that there are none.
  const shownPapers = shown.map((hit) => hit.paper);
  const note = page === 1 ? partialMatchNote(query, shownPapers) : undefined;
  return renderPaperListMessage(hits, {
    query,
    page,
    hasMore: outcome.hits.length > PAPERS_PER_PAGE,
    ...(note ? { note } : {}),
    ...(outcome.unreachable.length > 0 ? { unreachable: sourceNames(outcome.unreachable) } : {}),
  });
}
