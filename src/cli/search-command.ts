// `paperboy search "QUERY" [--limit N] [--json] [--local]`: prints the best matches as a table or JSON.
import type { PaperSearch } from "../papers/search-papers.ts";

export interface SearchCommandOptions {
  query: string;
  limit: number;
  json: boolean;
  local: boolean;
}

/** Runs a search and returns what the command prints. */
export async function runSearchCommand(search: PaperSearch, options: SearchCommandOptions): Promise<string> {
  const outcome = await search.search(options.query, { limit: options.limit, local: options.local });
  if (options.json) {
    const rows = outcome.hits.map((hit) => ({
      id: hit.paper.id,
      title: hit.paper.title,
      score: Number(hit.score.toFixed(4)),
      authors: hit.paper.authors,
      publishedAt: hit.paper.publishedAt ?? null,
      upvotes: hit.paper.upvotes ?? null,
      foundVia: hit.foundVia,
      snippet: hit.snippet,
      url: `https://arxiv.org/abs/${hit.paper.id}`,
    }));
    return JSON.stringify(rows, null, 2);
  }
  const lines: string[] = [];
  if (outcome.hits.length === 0) {
    lines.push(`No papers match "${options.query}". Try fewer or broader words.`);
  }
  for (const [rank, hit] of outcome.hits.entries()) {
    const via = hit.foundVia === "local" ? "" : `  [via ${hit.foundVia}]`;
    lines.push(
      `${String(rank + 1).padStart(2)}. ${hit.paper.id.padEnd(16)} ${hit.score.toFixed(2).padStart(7)}  ${clip(hit.paper.title, 90)}${via}`,
    );
  }
  if (outcome.unreachable.length > 0) {
    lines.push(`(not reachable, results are from the local index: ${outcome.unreachable.join(", ")})`);
  }
  return lines.join("\n");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
