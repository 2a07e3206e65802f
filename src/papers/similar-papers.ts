// Similar papers: the paper is looked up (fetched and indexed if new), then its neighbours in the index are found.
import type { Paper } from "./paper.ts";
import type { PaperIndex, SearchHit } from "./paper-index.ts";
import type { FoundVia, PaperSearch } from "./search-papers.ts";

/** What a request for papers like one paper found. */
export interface SimilarOutcome {
  /** The paper asked about; absent when no source had it. */
  paper?: Paper;
  foundVia?: FoundVia;
  /** Papers like it, best first (none when the index holds nothing close). */
  hits: SearchHit[];
  /** Sources that did not answer while looking the paper up (see LookupOutcome). */
  unreachable: string[];
}

export interface SimilarPapers {
  find(id: string, options?: { limit?: number; offset?: number }): Promise<SimilarOutcome>;
}

export function createSimilarPapers(deps: {
  index: Pick<PaperIndex, "similar">;
  search: Pick<PaperSearch, "lookup">;
}): SimilarPapers {
  return {
    async find(id, options = {}) {
      const found = await deps.search.lookup(id);
      if (!found.paper) return { hits: [], unreachable: found.unreachable };
      const hits = await deps.index.similar(found.paper.id, options);
      return {
        paper: found.paper,
        ...(found.foundVia ? { foundVia: found.foundVia } : {}),
        hits,
        unreachable: found.unreachable,
      };
    },
  };
}
