// The bench corpora: the 66 seeds plus the arXiv corpus, streamed, and repeated with fresh ids up to any size.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Paper } from "../src/papers/paper.ts";
import { readPaperFile } from "../src/papers/sources/paper-file.ts";

const SEEDS = fileURLToPath(new URL("../fixtures/sample/seed-papers.json", import.meta.url));
const CANDIDATES = [
  process.env.PAPERBOY_BENCH_CORPUS,
  fileURLToPath(new URL("../data/arxiv-2025-cs.jsonl.gz", import.meta.url)),
  fileURLToPath(new URL("../../shared/corpus/arxiv-2025-cs.jsonl.gz", import.meta.url)),
];

/** The arXiv corpus file (PAPERBOY_BENCH_CORPUS, data/, or ../shared/corpus/), if there is one. */
export function findCorpus(): string | undefined {
  return CANDIDATES.find((path): path is string => Boolean(path && existsSync(path)));
}

/** The id a paper has in pass `pass` over the corpus: the real id first, then fresh ones. */
export function copyId(id: string, pass: number): string {
  return pass === 0 ? id : `r${pass}/${id}`;
}

/** The real arXiv id behind a copy's id. */
export function baseId(id: string): string {
  return id.replace(/^r\d+\//, "");
}

/**
 * Streams `total` papers: the seeds, then the corpus file read again and again (never held in
 * memory), each pass after the first with fresh ids so every record is a new paper.
 */
export async function* benchPapers(corpus: string, total: number): AsyncGenerator<Paper> {
  let produced = 0;
  for await (const paper of readPaperFile(SEEDS)) {
    if (produced++ >= total) return;
    yield paper;
  }
  for (let pass = 0; ; pass++) {
    let inPass = 0;
    for await (const paper of readPaperFile(corpus)) {
      if (produced++ >= total) return;
      inPass++;
      yield pass === 0 ? paper : { ...paper, id: copyId(paper.id, pass) };
    }
    if (inPass === 0) return;
  }
}
