// Writes the corpus's token lists (one paper a line, stems joined by spaces) for train-term-vectors.py.
// Run: node --import tsx scripts/term-vectors/export-tokens.ts <corpus.jsonl.gz> <out.txt>
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { termTokens } from "../../src/papers/embeddings/term-tokens.ts";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: export-tokens.ts <corpus.jsonl.gz> <out.txt>");
const out = createWriteStream(output);
const lines = createInterface({ input: createReadStream(input).pipe(createGunzip()) });
let n = 0;
for await (const line of lines) {
  if (!line.trim()) continue;
  const paper = JSON.parse(line) as { title: string; abstract: string };
  // Title then abstract, as paperText() gives them to the embedder.
  out.write(`${termTokens(`${paper.title}\n${paper.abstract}`).join(" ")}\n`);
  n++;
}
out.end();
console.error(`${n} papers`);
