// Writes each stem of the shipped term vectors with its most frequent surface word in the corpus (stem TAB word).
// Run: node --import tsx scripts/use-distil/export-vocabulary.ts <corpus.jsonl.gz> <out.tsv>
import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { termOf } from "../../src/papers/embeddings/term-tokens.ts";
import { loadTermVectors } from "../../src/papers/embeddings/term-vector-file.ts";
import { tokenizeWords } from "../../src/papers/text-tokens.ts";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: export-vocabulary.ts <corpus.jsonl.gz> <out.tsv>");
const vectors = loadTermVectors();
const counts = new Map<string, Map<string, number>>();
const lines = createInterface({ input: createReadStream(input).pipe(createGunzip()) });
for await (const line of lines) {
  if (!line.trim()) continue;
  const paper = JSON.parse(line) as { title: string; abstract: string };
  for (const { word } of tokenizeWords(`${paper.title}\n${paper.abstract}`)) {
    const stem = termOf(word);
    if (stem === undefined || vectors.row[stem] === undefined) continue;
    const words = counts.get(stem) ?? new Map<string, number>();
    counts.set(stem, words);
    words.set(word, (words.get(word) ?? 0) + 1);
  }
}
// Rows in the term vectors' order, so the distilled file keeps their terms and IDF.
const stems = Object.keys(vectors.row).sort((a, b) => (vectors.row[a] ?? 0) - (vectors.row[b] ?? 0));
const rows = stems.map((stem) => {
  const words = [...(counts.get(stem) ?? [])].sort((a, b) => b[1] - a[1]);
  return `${stem}\t${words[0]?.[0] ?? stem}`;
});
writeFileSync(output, `${rows.join("\n")}\n`);
console.error(`${rows.length} stems`);
