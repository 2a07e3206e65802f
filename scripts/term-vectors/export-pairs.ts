// Writes per paper "id \t title stems \t abstract stems" (corpus, then seeds) and the bench questions' stems,
// for train-contrastive.py. Run: node --import tsx scripts/term-vectors/export-pairs.ts <corpus.jsonl.gz> <outdir>
import { createWriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_QUESTIONS, SEED_QUESTIONS } from "../../bench/semantic-questions.ts";
import { termTokens } from "../../src/papers/embeddings/term-tokens.ts";
import { semanticQueryText } from "../../src/papers/semantic-search.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";

const [corpus, outdir] = process.argv.slice(2);
if (!corpus || !outdir) throw new Error("usage: export-pairs.ts <corpus.jsonl.gz> <outdir>");
const seeds = new URL("../../fixtures/sample/seed-papers.json", import.meta.url).pathname;

const line = (p: { id: string; title: string; abstract: string }) =>
  `${p.id}\t${termTokens(p.title).join(" ")}\t${termTokens(p.abstract).join(" ")}\n`;
for (const [file, name] of [
  [corpus, "papers.tsv"],
  [seeds, "seeds.tsv"],
] as const) {
  const out = createWriteStream(join(outdir, name));
  let n = 0;
  for await (const paper of readPaperFile(file)) {
    out.write(line(paper));
    n++;
  }
  out.end();
  console.error(`${name}: ${n} papers`);
}
// Questions as the bench embeds them: the parsed query's words, then the embedder's stems.
const questions = [
  ...SEED_QUESTIONS.map((q) => ({ ...q, set: "seeds" })),
  ...CORPUS_QUESTIONS.map((q) => ({ ...q, set: "corpus" })),
].map((q) => ({ ...q, stems: termTokens(semanticQueryText(q.question) ?? q.question) }));
writeFileSync(join(outdir, "questions.json"), JSON.stringify(questions));
