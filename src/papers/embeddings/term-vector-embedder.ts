// The embedded default: a paper or query is the IDF-weighted sum of its stems' term vectors (LSA, then contrastive).

import { tokenizeWords } from "../text-tokens.ts";
import { type Embedder, normalize } from "./embedder.ts";
import { termOf } from "./term-tokens.ts";
import { loadTermVectors, type TermVectors } from "./term-vector-file.ts";

// Folded words whose row is known: stemming every word of every abstract was half of the ingest time. Texts
// bring new words (names, typos) without end, so the cache is emptied when it reaches this many (≈ 10 MB).
const WORD_CACHE_MAX = 150_000;

// Title stems say what a paper is about more densely than the abstract's: they count this many times.
const TITLE_WEIGHT = 2;

/** Embeds texts synchronously over loaded term vectors. */
export class TermVectorEmbedding {
  readonly #v: TermVectors;
  readonly #titleWeight: number;
  // Per-term counts while one text is embedded (reset after it), instead of a Map per text.
  readonly #counts: Float64Array;
  #rowOfWord: Record<string, number | undefined> = Object.create(null);
  #cached = 0;

  /** `tuning` is for measuring variants (bench); the defaults are the shipped model. */
  constructor(vectors: TermVectors, tuning: { titleWeight?: number } = {}) {
    this.#v = vectors;
    this.#titleWeight = tuning.titleWeight ?? TITLE_WEIGHT;
    this.#counts = new Float64Array(vectors.scales.length);
  }

  get dimensions(): number {
    return this.#v.dimensions;
  }

  embed(text: string): Float32Array {
    const counts = this.#counts;
    const touched: number[] = [];
    const newline = text.indexOf("\n");
    const parts = newline < 0 ? [text] : [text.slice(0, newline), text.slice(newline + 1)];
    for (let p = 0; p < parts.length; p++) {
      const factor = p === 0 && parts.length > 1 ? this.#titleWeight : 1;
      for (const { word } of tokenizeWords(parts[p] as string)) {
        const r = this.#row(word);
        if (r < 0) continue;
        if (counts[r] === 0) touched.push(r);
        counts[r] = (counts[r] as number) + factor;
      }
    }
    // The weighting the vectors were trained with: (1 + ln tf) · idf per term, so a text lands where
    // LSA would place it had it been in the training corpus.
    const sum = new Float64Array(this.#v.dimensions);
    for (const r of touched) {
      const count = counts[r] as number;
      counts[r] = 0;
      this.#addTerm(sum, r, (1 + Math.log(count)) * (this.#v.idf[r] as number));
    }
    return normalize(Float32Array.from(sum));
  }

  /** The word's term row, -1 when the vocabulary has none (function words and numbers included). */
  #row(word: string): number {
    let r = this.#rowOfWord[word];
    if (r === undefined) {
      const stem = termOf(word);
      r = (stem === undefined ? undefined : this.#v.row[stem]) ?? -1;
      if (this.#cached >= WORD_CACHE_MAX) {
        this.#rowOfWord = Object.create(null);
        this.#cached = 0;
      }
      this.#rowOfWord[word] = r;
      this.#cached++;
    }
    return r;
  }

  #addTerm(into: Float64Array, r: number, weight: number): void {
    const d = this.#v.dimensions;
    const scaled = weight * (this.#v.scales[r] as number);
    const values = this.#v.values;
    const o = r * d;
    for (let i = 0; i < d; i++) into[i] = (into[i] as number) + scaled * (values[o + i] as number);
  }
}

export const TERM_VECTOR_MODEL_PREFIX = "lsa-arxiv-cs";

/** Weight of the term vectors' ranking when fused with BM25's (README, Semantic search: measured). */
export const TERM_VECTOR_SEARCH_WEIGHT = 0;

/**
 * The shipped file's training parameters (`made` in its header; a test checks they agree). Naming the model
 * needs no load, so a one-shot search, and a bot whose papers all have their vectors, never read the file.
 */
export const SHIPPED_TERM_VECTORS = "k128-nce-2026-12-02";

/** The embedded default; the term vectors load on first use (another `file` also to name its model). */
export function createTermVectorEmbedder(
  options: { file?: string; searchWeight?: number } = {},
): Embedder & { ready(): Promise<void> } {
  let embedding: TermVectorEmbedding | undefined;
  let model = `${TERM_VECTOR_MODEL_PREFIX}-${SHIPPED_TERM_VECTORS}`;
  const load = () => {
    if (!embedding) {
      const vectors = loadTermVectors(options.file);
      model = `${TERM_VECTOR_MODEL_PREFIX}-${vectors.made}`;
      embedding = new TermVectorEmbedding(vectors);
    }
    return embedding;
  };
  return {
    get model() {
      return options.file === undefined ? model : load() && model;
    },
    searchWeight: options.searchWeight ?? TERM_VECTOR_SEARCH_WEIGHT,
    ready: async () => {
      load();
    },
    async embed(texts) {
      const e = load();
      return texts.map((text) => e.embed(text));
    },
    embedNow: (text) => load().embed(text),
  };
}
