// The embedder port: turns paper and query text into unit vectors, from a local model or an embeddings server.

/** Text in, one unit-length vector per text out (same order). */
export interface Embedder {
  /** Names the model and its settings; vectors from another `model` are recomputed, never mixed. */
  readonly model: string;
  /**
   * Weight of this model's ranking when fused with BM25's in a search (reciprocal rank fusion; BM25's is
   * 1). 0 keeps searches on BM25 alone and uses the vectors for similar papers only.
   */
  readonly searchWeight: number;
  /** Embeds a batch; rejects when the model cannot answer (callers degrade to BM25 alone). */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** The same for one text without waiting, when the model is local and loaded; else undefined. */
  embedNow?(text: string): Float32Array | undefined;
  /** Loads a local model, after which `embedNow` answers. */
  ready?(): Promise<void>;
}

/** The text of a paper that is embedded: its title, then its abstract. */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] ?? 0) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}
