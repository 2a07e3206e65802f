// What a JavaScript developer would build instead of the SQLite index: MiniSearch over the same fields.
import MiniSearch from "minisearch";
import type { Paper } from "../src/papers/paper.ts";
import { parseSearchQuery } from "../src/papers/search-query.ts";

interface Doc {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  categories: string;
  published: string;
}

/** MiniSearch with field boosts like the index's; filters applied through its `filter` option. */
export class MiniSearchEngine {
  readonly #index = new MiniSearch<Doc>({
    fields: ["title", "authors", "abstract"],
    storeFields: ["title", "authors", "categories", "published"],
    searchOptions: { boost: { title: 3, authors: 2 }, combineWith: "OR" },
  });

  /** Adds papers in batches until the stream ends or a cap is hit; returns how many and why it stopped. */
  async ingest(
    papers: AsyncIterable<Paper>,
    cap: { seconds: number; rssBytes: number },
  ): Promise<{ papers: number; capped?: string }> {
    const started = performance.now();
    let batch = new Map<string, Doc>();
    let count = 0;
    for await (const p of papers) {
      const doc: Doc = {
        id: p.id,
        title: p.title,
        authors: p.authors.join(", "),
        abstract: p.abstract,
        categories: ` ${p.categories.join(" ")} `,
        published: p.publishedAt ?? "",
      };
      // Re-ingested papers replace the stored ones, as upserts do in the index.
      if (this.#index.has(doc.id)) this.#index.replace(doc);
      else batch.set(doc.id, doc);
      count++;
      if (batch.size < 1000) continue;
      this.#index.addAll([...batch.values()]);
      batch = new Map();
      const seconds = (performance.now() - started) / 1000;
      if (seconds > cap.seconds) return { papers: count, capped: `time cap (${cap.seconds} s)` };
      if (process.memoryUsage().rss > cap.rssBytes) {
        return { papers: count, capped: `memory cap (${Math.round(cap.rssBytes / 1e9)} GB RSS)` };
      }
    }
    this.#index.addAll([...batch.values()]);
    return { papers: count };
  }

  /** The ids of the best 10 papers, reading filters and ids with the same parser as the index. */
  search(text: string): { ids: string[]; titles: string[] } {
    const q = parseSearchQuery(text);
    if (q.paperId) {
      const fields = this.#index.getStoredFields(q.paperId);
      return fields ? { ids: [q.paperId], titles: [String(fields.title)] } : { ids: [], titles: [] };
    }
    const words = [...q.terms, ...q.phrases.flat()].map((t) => t.word).join(" ");
    const filter = (r: Record<string, unknown>) =>
      (q.categories.length === 0 || q.categories.some((c) => String(r.categories).includes(` ${c}`))) &&
      (!q.since || String(r.published) >= q.since) &&
      (!q.before || String(r.published) < q.before) &&
      q.authors.every((name) => name.every((w) => String(r.authors).toLowerCase().includes(w)));
    const filtered = q.categories.length > 0 || q.since || q.before || q.authors.length > 0;
    if (!words && !filtered) return { ids: [], titles: [] };
    const results = this.#index.search(words || MiniSearch.wildcard, filtered ? { filter } : {}).slice(0, 10);
    return { ids: results.map((r) => String(r.id)), titles: results.map((r) => String(r.title)) };
  }

  /** Size of the serialised index (what would be written to disk), or undefined if it does not fit in memory. */
  sizeBytes(): number | undefined {
    try {
      return Buffer.byteLength(JSON.stringify(this.#index));
    } catch {
      return undefined;
    }
  }
}
