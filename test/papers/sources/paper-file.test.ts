// File import: JSON arrays and JSON Lines, gzipped or not, streamed, with bad records counted rather than fatal.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { Paper } from "../../../src/papers/paper.ts";
import { JsonArraySplitter } from "../../../src/papers/sources/json-array-splitter.ts";
import {
  type PaperFileSkip,
  type PaperFileStats,
  readPaperFile,
} from "../../../src/papers/sources/paper-file.ts";

const dir = mkdtempSync(join(tmpdir(), "paperboy-paper-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED_FILE = new URL("../../../fixtures/sample/seed-papers.json", import.meta.url);
const HF_FILE = new URL("../../fixtures/hf-daily-papers.json", import.meta.url);

let fileCount = 0;
function writeTemp(name: string, content: string | Buffer): string {
  fileCount += 1;
  const path = join(dir, `${fileCount}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string) {
  const skips: PaperFileSkip[] = [];
  const file = readPaperFile(path, { onSkip: (skip) => skips.push(skip) });
  const papers: Paper[] = [];
  for await (const paper of file) papers.push(paper);
  return { papers, stats: file.stats as PaperFileStats, skips };
}

const corpusLine = {
  id: "2503.11742",
  title: "Safe Vision-Language Models via Unsafe Weights Manipulation",
  authors: ["Moreno D'Incà", "Elia Peruzzo"],
  categories: ["cs.CV", "cs.AI"],
  comment: "Work in progress",
  abstract: "Vision-language models (VLMs) often inherit the biases.",
  date: "2025-03-18",
};
const corpusPaper: Paper = {
  id: "2503.11742",
  title: "Safe Vision-Language Models via Unsafe Weights Manipulation",
  abstract: "Vision-language models (VLMs) often inherit the biases.",
  authors: ["Moreno D'Incà", "Elia Peruzzo"],
  categories: ["cs.CV", "cs.AI"],
  comment: "Work in progress",
  publishedAt: "2025-03-18",
  source: "file",
};
const jsonl = (...records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

describe("readPaperFile", () => {
  it("reads JSON Lines in the corpus format", async () => {
    const path = writeTemp(
      "corpus.jsonl",
      jsonl(corpusLine, { ...corpusLine, id: "2503.11731", comment: null }),
    );
    const { papers, stats } = await readAll(path);
    expect(papers[0]).toEqual(corpusPaper);
    expect(papers[1]).not.toHaveProperty("comment");
    expect(stats).toMatchObject({ format: "json-lines", gzipped: false, records: 2, papers: 2, skipped: 0 });
  });

  it("detects gzip by its magic bytes, not by the file name", async () => {
    const gzipped = writeTemp("corpus.jsonl", gzipSync(jsonl(corpusLine)));
    const plain = writeTemp("corpus.jsonl.gz", jsonl(corpusLine));
    const fromGzip = await readAll(gzipped);
    expect(fromGzip.papers).toEqual([corpusPaper]);
    expect(fromGzip.stats.gzipped).toBe(true);
    expect((await readAll(plain)).papers).toEqual([corpusPaper]);
  });

  it("reads the shipped seed file ({arxivId, title, abstract} array): all 66 papers", async () => {
    const { papers, stats } = await readAll(SEED_FILE.pathname);
    expect(stats).toMatchObject({ format: "json-array", papers: 66, skipped: 0 });
    expect(papers[0]).toMatchObject({ id: "2111.01253", title: "Neural Scene Flow Prior", authors: [] });
    expect(papers.map((p) => p.id)).toContain("2501.04697");
  });

  it("reads a Hugging Face daily_papers array with the Hugging Face parser", async () => {
    const { papers, stats } = await readAll(HF_FILE.pathname);
    expect(stats.format).toBe("json-array");
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ id: "2407.13168", upvotes: 17, numComments: 2, source: "file" });
    expect(papers[0]?.authors).toHaveLength(5);
  });

  it("reads a gzipped JSON array", async () => {
    const path = writeTemp("seed.json.gz", gzipSync(readFileSync(SEED_FILE)));
    expect((await readAll(path)).stats).toMatchObject({ format: "json-array", gzipped: true, papers: 66 });
  });

  it("counts invalid lines as skipped, says why, and carries on", async () => {
    const content = [
      JSON.stringify(corpusLine),
      "{not json",
      "",
      "   ",
      "[1, 2]",
      JSON.stringify({ ...corpusLine, id: undefined }),
      JSON.stringify({ ...corpusLine, id: "banana" }),
      JSON.stringify({ ...corpusLine, title: "  " }),
      JSON.stringify({ ...corpusLine, id: "2503.11743" }),
    ].join("\n");
    const { papers, stats, skips } = await readAll(writeTemp("mixed.jsonl", content));
    expect(papers.map((p) => p.id)).toEqual(["2503.11742", "2503.11743"]);
    expect(stats).toMatchObject({ records: 7, papers: 2, skipped: 5 });
    expect(skips).toEqual([
      { record: 2, reason: "not valid JSON" },
      { record: 3, reason: "not a JSON object" },
      { record: 4, reason: "no id" },
      { record: 5, reason: '"banana" is not an arXiv id' },
      { record: 6, reason: "no title" },
    ]);
  });

  it("handles CRLF line endings, a byte-order mark and a last line without a newline", async () => {
    const content = `\uFEFF${JSON.stringify(corpusLine)}\r\n${JSON.stringify({ ...corpusLine, id: "2503.11743" })}`;
    const { papers, stats } = await readAll(writeTemp("crlf.jsonl", content));
    expect(papers.map((p) => p.id)).toEqual(["2503.11742", "2503.11743"]);
    expect(stats.skipped).toBe(0);
  });

  it("counts invalid array items, a truncated array and trailing text as skipped", async () => {
    const items = [
      { arxivId: "2111.01253", title: "Neural Scene Flow Prior", abstract: "x" },
      7,
      { title: "no id" },
    ];
    const { papers, stats } = await readAll(writeTemp("array.json", `${JSON.stringify(items)} trailing`));
    expect(papers.map((p) => p.id)).toEqual(["2111.01253"]);
    expect(stats).toMatchObject({ papers: 1, skipped: 3 });

    // Cut inside the last element: 7 is skipped, and the cut-off element counts once as the truncation.
    const truncated = await readAll(writeTemp("truncated.json", JSON.stringify(items).slice(0, -5)));
    expect(truncated.stats).toMatchObject({ papers: 1, skipped: 2 });
    expect(truncated.skips.at(-1)?.reason).toBe("the array is not closed (truncated file?)");
  });

  it("streams a multi-megabyte gzipped file whose lines and UTF-8 characters cross chunk boundaries", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 6_000; i += 1) {
      const id = `2501.${String(i).padStart(5, "0")}`;
      lines.push(
        JSON.stringify({
          ...corpusLine,
          id,
          title: `Régularisation — ${i} 🙂`,
          abstract: "é".repeat(400 + (i % 7)),
        }),
      );
    }
    const path = writeTemp("big.jsonl.gz", gzipSync(`${lines.join("\n")}\n`));
    const file = readPaperFile(path);
    let count = 0;
    let bytesSeenMidway = 0;
    for await (const paper of file) {
      expect(paper.title).toBe(`Régularisation — ${count} 🙂`);
      expect(paper.abstract).toBe("é".repeat(400 + (count % 7)));
      count += 1;
      if (count === 3_000) bytesSeenMidway = file.stats.bytesRead;
    }
    expect(count).toBe(6_000);
    expect(bytesSeenMidway).toBeGreaterThan(0);
    expect(file.stats.bytesRead).toBe(file.stats.totalBytes);
  });

  it("stops reading when the consumer stops early", async () => {
    const path = writeTemp("early.jsonl", jsonl(corpusLine, corpusLine, corpusLine));
    const file = readPaperFile(path);
    for await (const _paper of file) break;
    expect(file.stats.papers).toBe(1);
  });

  it.each([
    ["a CSV file", "id,title\n2503.11742,Something\n", /starts with "id,title/],
    ["a binary file", Buffer.from([0x00, 0x01, 0x02, 0xff]), /is not JSON/],
    ["an empty file", "", /is empty/],
    ["a whitespace-only file", "  \n\n ", /is empty/],
    ["a pretty-printed single object", '{\n  "id": "2503.11742",\n  "title": "x"\n}\n', /pretty-printed/],
    ["a truncated gzip file", gzipSync(jsonl(corpusLine, corpusLine)).subarray(0, 40), /could not be read/],
  ])("rejects %s with bad_input naming the file", async (_what, content, message) => {
    const path = writeTemp("bad-input", content);
    const error = await readAll(path).catch((e) => e);
    expect(error.code).toBe("bad_input");
    expect(error.detail).toContain(path);
    expect(error.detail).toMatch(message);
  });

  it("rejects a missing file with bad_input", async () => {
    const error = await readAll(join(dir, "missing.jsonl")).catch((e) => e);
    expect(error.code).toBe("bad_input");
    expect(error.detail).toContain("missing.jsonl cannot be read: no such file");
  });
});

describe("JsonArraySplitter", () => {
  const text = JSON.stringify([
    { title: 'a "quoted" ] bracket, comma', nested: [1, [2, { x: "}" }]] },
    "a string with \\ backslash",
    42,
    { emoji: "🙂", escaped: '\\"' },
  ]);

  it("finds the same elements however the text is chunked", () => {
    const expected = (JSON.parse(text) as unknown[]).map((value) => JSON.stringify(value));
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const splitter = new JsonArraySplitter();
      const found: string[] = [];
      for (let i = 0; i < text.length; i += size) found.push(...splitter.push(text.slice(i, i + size)));
      splitter.end();
      expect(found.map((element) => JSON.stringify(JSON.parse(element)))).toEqual(expected);
      expect(splitter.problems).toEqual([]);
    }
  });

  it("reads an empty array as no elements", () => {
    const splitter = new JsonArraySplitter();
    expect(splitter.push(" [ \n ] ")).toEqual([]);
    splitter.end();
    expect(splitter.problems).toEqual([]);
  });
});
