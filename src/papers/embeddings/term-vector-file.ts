// Reads the shipped term vectors (trained offline on arXiv CS abstracts by scripts/term-vectors/).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** Per stem: an Int8 vector times its scale, and the stem's IDF in the training corpus. */
export interface TermVectors {
  dimensions: number;
  /** Stem → row. A null-prototype object: several times faster to look up than a Map of strings. */
  row: Record<string, number | undefined>;
  idf: Float32Array;
  scales: Float32Array;
  /** `terms × dimensions` quantized components. */
  values: Int8Array;
  /** The training parameters the file records (corpus, k, alpha, date), for the model name and README. */
  made: string;
}

/** The file beside this module, in src/ and in dist/ alike (the build copies non-TypeScript files). */
export const TERM_VECTOR_FILE = fileURLToPath(new URL("./term-vectors/term-vectors.bin.gz", import.meta.url));

interface Header {
  format: string;
  dimensions: number;
  alpha: number;
  /** Absent for the SVD's table; "nce" for one trained contrastively (scripts/term-vectors/train-contrastive.py). */
  method?: string;
  made: string;
  terms: string[];
  idf: number[];
}

/** Loads the term vectors (2 MB gzip; tens of milliseconds). Throws on a file of another format. */
export function loadTermVectors(file = TERM_VECTOR_FILE): TermVectors {
  const bytes = gunzipSync(readFileSync(file));
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString("utf8", 4, 4 + length)) as Header;
  if (header.format !== "paperboy-term-vectors@1") throw new Error(`${file}: not a term-vector file`);
  let offset = 4 + length;
  offset += (4 - (offset % 4)) % 4;
  const count = header.terms.length;
  const copy = new Uint8Array(bytes.subarray(offset)).buffer;
  const row: Record<string, number | undefined> = Object.create(null);
  header.terms.forEach((term, i) => {
    row[term] = i;
  });
  return {
    dimensions: header.dimensions,
    row,
    idf: Float32Array.from(header.idf),
    scales: new Float32Array(copy, 0, count),
    values: new Int8Array(copy, count * 4, count * header.dimensions),
    made: `k${header.dimensions}-${header.method ?? `a${header.alpha}`}-${header.made}`,
  };
}
