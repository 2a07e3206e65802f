// One bit per dimension (the component's sign) of every stored vector: a cheap first pass before the Int8 scan.

/** The score of a row that is not a candidate (below any real one). */
const MISSING = -(2 ** 31);

/** A query's components scaled to integers: 128 of them sum far inside 32 bits. */
const QUERY_STEPS = 1 << 16;

/** Histogram buckets used to find the score above which the best `count` rows lie, in one pass. */
const BUCKETS = 1024;

/**
 * Sign bits of each row, 8 dimensions a byte. A query is scored against them asymmetrically (its own
 * components, not their signs, summed over the row's positive dimensions), by one table lookup per byte
 * of the row: 16 lookups for 128 dimensions instead of 128 multiplications.
 */
export class SignSketch {
  readonly #bytes: number;
  #codes = new Uint8Array(0);
  #words = new Uint32Array(0);
  #scores = new Int32Array(0);

  constructor(dimensions: number) {
    // Whole 32-bit words per row, so the scan reads four bytes at a time.
    this.#bytes = Math.ceil(dimensions / 32) * 4;
  }

  /** Makes room for `rows` rows (existing codes kept). */
  grow(rows: number): void {
    if (rows * this.#bytes <= this.#codes.length) return;
    const codes = new Uint8Array(rows * this.#bytes);
    codes.set(this.#codes);
    this.#codes = codes;
    this.#words = new Uint32Array(codes.buffer);
    this.#scores = new Int32Array(rows);
  }

  /** Records the signs of one row's components (`values[offset ..]`, `dimensions` of them). */
  set(row: number, values: Int8Array, offset: number, dimensions: number): void {
    const o = row * this.#bytes;
    for (let j = 0; j < this.#bytes; j++) {
      let code = 0;
      for (let t = 0; t < 8; t++) {
        const i = j * 8 + t;
        if (i < dimensions && (values[offset + i] as number) > 0) code |= 1 << t;
      }
      this.#codes[o + j] = code;
    }
  }

  /**
   * Rows (of the `rows` first, those with `present` set and in `allowed`) whose sketch scores are among
   * the best `count` for `query`, in row order; ties at the cut may add a few more.
   */
  candidates(
    query: Float32Array,
    rows: number,
    present: Uint8Array,
    count: number,
    allowed?: ReadonlySet<number>,
  ): Int32Array {
    const words = this.#bytes >> 2;
    const table = this.#table(query);
    const codes = this.#words;
    const scores = this.#scores;
    let low = 2 ** 31;
    let high = -(2 ** 31);
    for (let r = 0; r < rows; r++) {
      if (present[r] === 0 || (allowed && !allowed.has(r))) {
        scores[r] = MISSING;
        continue;
      }
      // Four bytes a read (little-endian: byte 4j + k is bits 8k..), each looked up: integer sums, kept unboxed.
      let s = 0;
      for (let j = 0, o = r * words; j < words; j++, o++) {
        const w = codes[o] as number;
        const t = j << 10;
        s =
          (s +
            (table[t | (w & 255)] as number) +
            (table[t | 256 | ((w >>> 8) & 255)] as number) +
            (table[t | 512 | ((w >>> 16) & 255)] as number) +
            (table[t | 768 | (w >>> 24)] as number)) |
          0;
      }
      scores[r] = s;
      if (s < low) low = s;
      if (s > high) high = s;
    }
    if (!(high >= low)) return new Int32Array(0);
    // The cut: the lowest bucket such that the buckets from it up hold at least `count` rows.
    const width = (high - low) / BUCKETS || 1;
    const histogram = new Int32Array(BUCKETS + 1);
    for (let r = 0; r < rows; r++) {
      const s = scores[r] as number;
      if (s < low) continue;
      const b = Math.floor((s - low) / width);
      histogram[b] = (histogram[b] as number) + 1;
    }
    let bucket = BUCKETS;
    let kept = histogram[bucket] as number;
    while (bucket > 0 && kept < count) kept += histogram[--bucket] as number;
    const cut = low + bucket * width;
    const out = new Int32Array(kept);
    let n = 0;
    for (let r = 0; r < rows && n < kept; r++) if ((scores[r] as number) >= cut) out[n++] = r;
    return n === kept ? out : out.subarray(0, n);
  }

  /** Per byte position and byte value: the sum of the query's components whose bit is set. */
  #table(query: Float32Array): Int32Array {
    let max = 0;
    for (const x of query) max = Math.max(max, Math.abs(x));
    const steps = QUERY_STEPS / (max || 1);
    const table = new Int32Array(this.#bytes * 256);
    for (let j = 0; j < this.#bytes; j++)
      for (let t = 0; t < 8; t++) {
        const q = Math.round((query[j * 8 + t] ?? 0) * steps);
        const bit = 1 << t;
        // Each value with this bit set gains q: the table fills in 8 × 256 additions per byte position.
        for (let b = bit; b < 256; b = (b + 1) | bit)
          table[(j << 8) | b] = (table[(j << 8) | b] as number) + q;
      }
    return table;
  }
}
