// The embedded default: a paper or query is the SIF-weighted mean of its words' GloVe vectors, centred.
import { type Embedder, normalize } from "./embedder.ts";
import { loadWordVectors, type WordVectors } from "./word-vectors.ts";

// SIF (Arora et al., 2017): a word weighs a / (a + p(w)), so "the" counts ~0 and rare words ~1. p(w) is
// Zipf's estimate from the word's frequency rank, which is the vocabulary's order.
const SIF_A = 1e-4;
// Title words say what a paper is about more densely than the abstract's: they count this many times.
const TITLE_WEIGHT = 2;
const MIN_WEIGHT = 0.02;

/** Lower-case words without accents, split on anything that is not a letter or digit. */
export function embeddingWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The embedder over loaded word vectors (synchronous). */
export class SifEmbedding {
  readonly #v: WordVectors;
  readonly #weights: Float32Array;
  readonly #mean: Float64Array;

  readonly #titleWeight: number;
  // A null-prototype object looks a word up several times faster than a Map of 200,000 strings (measured).
  readonly #ranks: Record<string, number | undefined> = Object.create(null);
  // Per-word counts while one text is embedded (reset after it), instead of a Map per text.
  readonly #counts: Float64Array;

  /** `tuning` is for measuring variants (bench); the defaults are the shipped model. */
  constructor(
    vectors: WordVectors,
    tuning: {
      a?: number;
      titleWeight?: number;
      center?: boolean;
    } = {},
  ) {
    this.#v = vectors;
    this.#titleWeight = tuning.titleWeight ?? TITLE_WEIGHT;
    const a = tuning.a ?? SIF_A;
    const count = vectors.scales.length;
    const harmonic = Math.log(count) + 0.5772;
    this.#weights = new Float32Array(count);
    this.#counts = new Float64Array(count);
    for (const [word, r] of vectors.rank) this.#ranks[word] = r;
    for (let r = 0; r < count; r++) {
      const p = 1 / ((r + 1) * harmonic);
      this.#weights[r] = a / (a + p);
    }
    // Every averaged text shares a common direction (SIF removes it as the first principal component);
    // the frequency-weighted mean of the weighted word vectors estimates it without a corpus.
    const mean = new Float64Array(vectors.dimensions);
    let total = 0;
    for (let r = 0; r < count; r++) {
      const mass = (1 / ((r + 1) * harmonic)) * (this.#weights[r] ?? 0);
      total += mass;
      this.#addWord(mean, r, mass);
    }
    for (let i = 0; i < mean.length; i++) mean[i] = tuning.center === false ? 0 : (mean[i] ?? 0) / total;
    this.#mean = mean;
  }

  embed(text: string): Float32Array {
    // Each distinct word once, weighted by its count: abstracts repeat their words, and adding a
    // 100-d vector is the whole cost (the ≥ 5,000 papers/s ingest target). Words weighing next to
    // nothing ("the", "of": SIF weight < 0.02) are skipped for the same reason.
    const counts = this.#counts;
    const touched: number[] = [];
    const newline = text.indexOf("\n");
    const parts = newline < 0 ? [text] : [text.slice(0, newline), text.slice(newline + 1)];
    for (let p = 0; p < parts.length; p++) {
      const factor = p === 0 && parts.length > 1 ? this.#titleWeight : 1;
      for (const word of embeddingWords(parts[p] as string)) {
        const r = this.#ranks[word];
        if (r === undefined) continue;
        if (counts[r] === 0) touched.push(r);
        counts[r] = (counts[r] as number) + factor;
      }
    }
    const sum = new Float64Array(this.#v.dimensions);
    let weight = 0;
    for (const r of touched) {
      const count = counts[r] as number;
      counts[r] = 0;
      const w = this.#weights[r] as number;
      weight += w * count;
      if (w >= MIN_WEIGHT) this.#addWord(sum, r, w * count);
    }
    const out = new Float32Array(this.#v.dimensions);
    if (weight === 0) return out;
    for (let i = 0; i < out.length; i++) out[i] = (sum[i] as number) / weight - (this.#mean[i] as number);
    return normalize(out);
  }

  #addWord(into: Float64Array, r: number, weight: number): void {
    const d = this.#v.dimensions;
    const scaled = weight * (this.#v.scales[r] as number);
    const values = this.#v.values;
    const o = r * d;
    for (let i = 0; i < d; i++) into[i] = (into[i] as number) + scaled * (values[o + i] as number);
  }
}

export const WORD_VECTOR_MODEL = "glove-100d-sif@1";

/** The embedded default; its vectors load on first use (from a compact cache after the first run). */
export function createWordVectorEmbedder(options: { cacheDir?: string } = {}): Embedder & {
  ready(): Promise<void>;
} {
  let sif: SifEmbedding | undefined;
  let loading: Promise<void> | undefined;
  const ready = () => {
    loading ??= loadWordVectors(options.cacheDir).then((vectors) => {
      sif = new SifEmbedding(vectors);
    });
    return loading;
  };
  return {
    model: WORD_VECTOR_MODEL,
    // Measured (README, Semantic search): fused into searches at any weight from 1 down to 0.15, averaged
    // GloVe vectors lowered MRR@10 on both the plain-language and the title-word known items at 75k papers.
    searchWeight: 0,
    ready,
    async embed(texts) {
      await ready();
      return texts.map((text) => (sif as SifEmbedding).embed(text));
    },
    embedNow: (text) => sif?.embed(text),
  };
}
