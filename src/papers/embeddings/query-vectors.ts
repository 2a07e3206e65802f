// The index's embedding side: query vectors (cached, never failing a search) and the serialized embedding pass.
import type Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import type { Logger } from "../../logger.ts";
import { semanticQueryText } from "../semantic-search.ts";
import { embedPending } from "./embed-pending.ts";
import { type Embedder, paperText } from "./embedder.ts";
import { textHash, VectorStore } from "./vector-store.ts";

// Repeated queries (paging, the same question twice) cost a server round trip once.
const QUERY_CACHE = 1_000;
// A search waits this long for its query's vector; a slower server leaves that search to BM25 alone.
const QUERY_BUDGET_MS = 2_000;

export class QueryVectors {
  readonly #embedder: Embedder;
  readonly #store: VectorStore;
  readonly #logger: Logger | undefined;
  readonly #cache = new LRUCache<string, Float32Array>({ max: QUERY_CACHE });
  #running: Promise<number> | undefined;
  #again = false;
  #closed = false;

  constructor(db: Database.Database, embedder: Embedder, logger?: Logger) {
    this.#embedder = embedder;
    this.#store = new VectorStore(db);
    this.#logger = logger;
  }

  /** The query's vector when it can be had without waiting (a loaded local model, or cached). */
  now(query: string): Float32Array | undefined {
    if (this.#embedder.searchWeight <= 0) return undefined;
    const text = semanticQueryText(query);
    if (text === undefined) return undefined;
    const cached = this.#cache.get(text);
    if (cached) return cached;
    const vector = this.#embedder.embedNow?.(text);
    if (vector) this.#cache.set(text, vector);
    return vector;
  }

  /** The query's vector, or undefined when it has no words or the embedder fails (BM25 alone then). */
  async of(query: string): Promise<Float32Array | undefined> {
    if (this.#embedder.searchWeight <= 0) return undefined;
    const text = semanticQueryText(query);
    if (text === undefined) return undefined;
    const ready = this.now(query);
    if (ready) return ready;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), QUERY_BUDGET_MS);
    });
    const embedding = this.#embedder.embed([text]).then(([vector]) => {
      if (vector) this.#cache.set(text, vector);
      return vector;
    });
    try {
      const vector = await Promise.race([embedding, late]);
      if (!vector) this.#logger?.warn("the embeddings server was too slow for a query; BM25 alone");
      return vector;
    } catch (error) {
      this.#logger?.warn({ err: (error as Error).message }, "embedding the query failed; BM25 alone");
      return undefined;
    } finally {
      clearTimeout(timer);
      // A late answer still fills the cache; a late failure has been logged above or is dropped here.
      embedding.catch(() => {});
    }
  }

  /** Weight of the vectors' ranking in a fused search. */
  get weight(): number {
    return this.#embedder.searchWeight;
  }

  /**
   * For a bulk import: loads a local model, then returns what embeds each batch of new papers as it is
   * stored (undefined for a server, whose vectors come in the pass after the import).
   */
  async batchEmbedder(): Promise<
    ((papers: { rowid: number; title: string; abstract: string }[]) => void) | undefined
  > {
    const embedder = this.#embedder;
    if (!embedder.embedNow || !embedder.ready) return undefined;
    await embedder.ready();
    return (papers) => {
      const rows = papers.map((p) => {
        const text = paperText(p);
        const vector = embedder.embedNow?.(text);
        return { rowid: p.rowid, hash: textHash(text), ...(vector ? { vector } : {}) };
      });
      this.#store.write(embedder.model, rows);
    };
  }

  /** Runs the embedding pass; a call during a pass waits for one more pass after it. */
  embedPending(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async (): Promise<number> => {
      let total = 0;
      do {
        this.#again = false;
        if (this.#closed) break;
        total += await embedPending(this.#store, this.#embedder, () => this.#closed);
      } while (this.#again);
      return total;
    };
    this.#running = run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** The pass in the background, after an upsert; failures are logged (searches degrade to BM25). */
  embedSoon(): void {
    this.embedPending().catch((error: Error) => {
      this.#logger?.warn({ err: error.message }, "embedding papers failed; they are found by words only");
    });
  }

  close(): void {
    this.#closed = true;
  }
}
