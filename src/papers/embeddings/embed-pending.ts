// Computes the vectors an index is missing (new papers, changed texts, another model), in batches.
import { setImmediate as nextTurn } from "node:timers/promises";
import { type Embedder, paperText } from "./embedder.ts";
import { textHash, type VectorStore } from "./vector-store.ts";

/** Texts per embedder call: one round trip per 128 papers to a server; ≈15 ms of the local embedder's work. */
const BATCH = 128;

/**
 * Embeds every paper without a current vector, once: a paper whose text is unchanged since its vector
 * was computed (same hash) keeps it. Returns how many papers were embedded. The backfill of an existing
 * index and the step after an import are the same call.
 */
export async function embedPending(
  store: VectorStore,
  embedder: Embedder,
  stopped: () => boolean = () => false,
): Promise<number> {
  // The common case at a bot's start: nothing to do, known without reading every paper.
  if (store.allCurrent(embedder.model)) return 0;
  let embedded = 0;
  let after = 0;
  for (;;) {
    if (stopped()) return embedded;
    const pending = store.pending(embedder.model, after, BATCH);
    if (pending.length === 0) return embedded;
    after = pending.at(-1)?.rowid ?? after;
    const texts = pending.map((p) => paperText(p));
    const hashes = texts.map(textHash);
    const todo = pending.flatMap((p, i) => (p.model === embedder.model && p.hash === hashes[i] ? [] : [i]));
    const vectors = todo.length > 0 ? await embedder.embed(todo.map((i) => texts[i] as string)) : [];
    // The index may have been closed while the embedder worked: nothing more to write.
    if (stopped()) return embedded;
    const byIndex = new Map(todo.map((i, j) => [i, vectors[j]]));
    store.write(
      embedder.model,
      pending.map((p, i) => {
        const vector = byIndex.get(i);
        return { rowid: p.rowid, hash: hashes[i] as string, ...(vector ? { vector } : {}) };
      }),
    );
    embedded += todo.length;
    // The event loop turns between batches: a local embedder resolves at once, and a backfill of 75k papers
    // (a new index, another model) would otherwise hold a started bot for seconds, Slack's acks and /readyz too.
    await nextTurn();
  }
}
