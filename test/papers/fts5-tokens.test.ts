// The JS tokenizer and Porter stemmer against FTS5's own terms, on every distinct word-run of the corpus.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { FTS_TOKENIZE } from "../../src/papers/index-schema.ts";
import { stemWord, tokenizeWords } from "../../src/papers/text-tokens.ts";
import { CORPUS_PATH } from "../support/corpus-days.ts";

// Distinct whitespace-separated chunks of every title and abstract: each distinct spelling (with the
// punctuation around it) is tokenized once, which is what makes the whole corpus fit in seconds.
async function distinctChunks(path: string): Promise<{ papers: number; chunks: string[] }> {
  const seen = new Set<string>();
  let papers = 0;
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const paper = JSON.parse(line) as { title?: string; abstract?: string };
    papers++;
    for (const chunk of `${paper.title ?? ""} ${paper.abstract ?? ""}`.split(/\s+/))
      if (chunk) seen.add(chunk);
  }
  return { papers, chunks: [...seen] };
}

// Chunks per FTS5 row: few rows keep the insert fast; a row's terms are matched by their offsets.
const CHUNKS_PER_ROW = 2000;

interface Mismatch {
  chunk: string;
  ours: string[];
  fts5: string[];
}

/** Each row's terms as FTS5 indexes them, by token offset, read back through an `fts5vocab` instance table. */
function fts5Terms(rows: string[]): string[][] {
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='${FTS_TOKENIZE}', detail=full)`);
  db.exec("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, instance)");
  const insert = db.prepare("INSERT INTO docs(rowid, body) VALUES (?, ?)");
  db.transaction(() => {
    for (const [i, row] of rows.entries()) insert.run(i, row);
  })();
  const terms = rows.map((): string[] => []);
  for (const [doc, offset, term] of db
    .prepare("SELECT doc, offset, term FROM vocab")
    .raw()
    .iterate() as Iterable<[number, number, string]>) {
    (terms[doc] as string[])[offset] = term;
  }
  db.close();
  return terms;
}

describe.skipIf(!CORPUS_PATH)(
  "the JS tokenizer and stemmer against FTS5 (whole corpus: 74,728 papers)",
  () => {
    let papers = 0;
    let words = 0;
    let chunks = 0;
    const mismatches: Mismatch[] = [];

    beforeAll(async () => {
      const corpus = await distinctChunks(CORPUS_PATH as string);
      papers = corpus.papers;
      chunks = corpus.chunks.length;
      const rows: string[][] = [];
      for (let i = 0; i < corpus.chunks.length; i += CHUNKS_PER_ROW)
        rows.push(corpus.chunks.slice(i, i + CHUNKS_PER_ROW));
      // A newline between chunks: a separator for both tokenizers, so each chunk's tokens stay its own.
      const fts5 = fts5Terms(rows.map((row) => row.join("\n")));
      const distinct = new Set<string>();
      rows.forEach((row, r) => {
        const theirs = fts5[r] as string[];
        let offset = 0;
        for (const chunk of row) {
          const ours = tokenizeWords(chunk).map((token) => stemWord(token.word));
          for (const token of tokenizeWords(chunk)) distinct.add(token.word);
          const expected = theirs.slice(offset, offset + ours.length);
          if (ours.some((term, k) => term !== expected[k])) mismatches.push({ chunk, ours, fts5: expected });
          offset += ours.length;
        }
        // Every FTS5 token of the row was accounted for: neither side split a chunk into more words.
        if (offset !== theirs.length)
          mismatches.push({
            chunk: `row ${r}`,
            ours: [`${offset} tokens`],
            fts5: [`${theirs.length} tokens`],
          });
      });
      words = distinct.size;
      console.log(`FTS5 token check: ${papers} papers, ${chunks} distinct chunks, ${words} distinct words`);
    }, 120_000);

    it("reads the whole corpus", () => {
      expect(papers).toBe(74_728);
      expect(words).toBeGreaterThan(100_000);
    });

    it("gives every distinct word exactly FTS5's term", () => {
      expect(mismatches.length, JSON.stringify(mismatches.slice(0, 20), null, 1)).toBe(0);
    });
  },
);

describe("the JS tokenizer and stemmer against FTS5 (always)", () => {
  // The corpus found these: a word-final capital sigma (toLowerCase writes ς, FTS5 σ) and a token of
  // three UTF-8 bytes but two characters (FTS5 stems `δs`).
  it("folds Σ to σ wherever it stands and measures short tokens in bytes", () => {
    const text = "mathbfΣ colonΣ ΔS Δs ΣΣ ς naïve régularisé models";
    const ours = tokenizeWords(text).map((token) => stemWord(token.word));
    expect(ours).toEqual(fts5Terms([text])[0]);
    expect(ours.slice(0, 3)).toEqual(["mathbfσ", "colonσ", "δ"]);
  });
});

if (!CORPUS_PATH) console.log("FTS5 token check skipped: no corpus in ../shared/corpus or data/.");
