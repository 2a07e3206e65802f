// Streams papers out of a file (JSON array or JSON Lines, gzipped or not) in bounded memory, counting what it skips.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { PaperboyError } from "../../errors.ts";
import type { Paper, PaperSource } from "../paper.ts";
import { JsonArraySplitter } from "./json-array-splitter.ts";
import { paperFromRecord } from "./paper-record.ts";

export type PaperFileFormat = "json-array" | "json-lines";

/** Live counters; read them during iteration for progress and after it for the final report. */
export interface PaperFileStats {
  /** Known once the first non-space character has been read. */
  format?: PaperFileFormat;
  gzipped: boolean;
  /** Records seen: non-blank lines, or array elements. Always `papers + skipped`. */
  records: number;
  papers: number;
  skipped: number;
  /** Bytes of the file read so far and its size on disk (compressed, for .gz): a progress ratio. */
  bytesRead: number;
  totalBytes: number;
}

/** Why one record was skipped; `record` is its 1-based line number or array position. */
export interface PaperFileSkip {
  record: number;
  reason: string;
}

export interface PaperFileOptions {
  /** Called for every skipped record (the CLI can log the first few). */
  onSkip?: (skip: PaperFileSkip) => void;
  /** What to record as the papers' source; default "file". */
  source?: PaperSource;
}

/** The papers of a file, one at a time, plus `stats` that fill in as they are read. */
export interface PaperFile extends AsyncIterable<Paper> {
  readonly stats: PaperFileStats;
}

// Chunk sizes: gunzip in 16 KiB steps costs twice the time of 256 KiB ones, while 1 MiB reads with 256 KiB
// inflate steps added ~35 MB to a bulk import's peak memory for no speed; these sizes cost neither.
const READ_CHUNK = 256 * 1024;
const INFLATE_CHUNK = 128 * 1024;
// If this many records in a row from the start are not JSON, the file is not JSON at all.
const GIVE_UP_AFTER = 100;

/**
 * Reads papers from `path`: a JSON array (Hugging Face `daily_papers` items, seed
 * `{arxivId,title,abstract}` records, or paper objects) or JSON Lines (`{id,title,abstract,
 * authors,categories,comment,date}` as in the arXiv corpus, and the same shapes as the array),
 * gzip detected by its magic bytes. Invalid records are counted in `stats.skipped`, never fatal.
 * Throws `bad_input` naming the file when it cannot be read, is empty, or is not JSON at all.
 * Iterate once.
 */
export function readPaperFile(path: string, options: PaperFileOptions = {}): PaperFile {
  const stats: PaperFileStats = {
    gzipped: false,
    records: 0,
    papers: 0,
    skipped: 0,
    bytesRead: 0,
    totalBytes: 0,
  };
  return {
    stats,
    [Symbol.asyncIterator]: () => readPapers(path, options, stats)[Symbol.asyncIterator](),
  };
}

async function* readPapers(
  path: string,
  options: PaperFileOptions,
  stats: PaperFileStats,
): AsyncGenerator<Paper> {
  const source = options.source ?? "file";
  stats.gzipped = await startsWithGzipMagic(path);
  stats.totalBytes = (await stat(path)).size;
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  // pipeline() destroys both streams on any error, which then surfaces from the loop below.
  const decoded = stats.gzipped ? pipeline(raw, createGunzip({ chunkSize: INFLATE_CHUNK }), () => {}) : raw;

  let jsonRecords = 0;
  const accept = (recordText: string): Paper | undefined => {
    stats.records += 1;
    let value: unknown;
    try {
      value = JSON.parse(recordText);
      jsonRecords += 1;
    } catch {
      skip("not valid JSON");
      if (jsonRecords === 0 && stats.records >= GIVE_UP_AFTER) throw notJson(path, stats.format);
      return undefined;
    }
    const paper = paperFromRecord(value, source);
    if (typeof paper === "string") {
      skip(paper);
      return undefined;
    }
    stats.papers += 1;
    return paper;
  };
  const skip = (reason: string) => {
    stats.skipped += 1;
    options.onSkip?.({ record: stats.records, reason });
  };

  // JSON Lines are split on bytes and decoded line by line: decoding whole chunks first costs twice
  // the time, because one non-Latin-1 character makes V8 widen the chunk and every line cut from it.
  let pending: Buffer[] = []; // the start of a line that continues in the next chunk
  let head: Buffer | undefined; // leading whitespace read before the format is known
  let splitter: JsonArraySplitter | undefined;
  const decoder = new StringDecoder("utf8"); // JSON arrays only
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      stats.bytesRead = raw.bytesRead;
      let data = chunk;
      if (stats.format === undefined) {
        data = head ? Buffer.concat([head, chunk]) : chunk;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); // UTF-8 BOM
        const first = firstNonSpace(data);
        if (first === -1) {
          head = data;
          continue;
        }
        head = undefined;
        stats.format = detectFormat(path, data, first);
        if (stats.format === "json-array") splitter = new JsonArraySplitter();
      }
      if (splitter) {
        for (const element of splitter.push(decoder.write(data))) {
          const paper = accept(element);
          if (paper) yield paper;
        }
        continue;
      }
      let start = 0;
      let newline = data.indexOf(10);
      while (newline !== -1) {
        let line: string;
        if (pending.length > 0) {
          pending.push(data.subarray(0, newline));
          line = Buffer.concat(pending).toString("utf8");
          pending = [];
        } else {
          line = data.toString("utf8", start, newline);
        }
        if (!isBlank(line)) {
          const paper = accept(line);
          if (paper) yield paper;
        }
        start = newline + 1;
        newline = data.indexOf(10, start);
      }
      if (start < data.length) pending.push(data.subarray(start));
    }
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError("bad_input", `${path} could not be read: ${(error as Error).message}.`, {
      cause: error,
    });
  } finally {
    raw.destroy();
  }
  stats.bytesRead = stats.totalBytes;

  if (stats.format === undefined) throw new PaperboyError("bad_input", `${path} is empty.`);
  if (splitter) {
    for (const element of splitter.push(decoder.end())) {
      const paper = accept(element);
      if (paper) yield paper;
    }
    // An element cut off by the end of the file is reported once, as the array not being closed.
    splitter.end();
    for (const problem of splitter.problems) {
      stats.records += 1;
      skip(problem);
    }
  } else if (pending.length > 0) {
    const line = Buffer.concat(pending).toString("utf8"); // the last line had no trailing newline
    if (!isBlank(line)) {
      const paper = accept(line);
      if (paper) yield paper;
    }
  }
  if (jsonRecords === 0 && stats.records > 0) throw notJson(path, stats.format);
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new PaperboyError("bad_input", `${path} cannot be read: ${reason}.`, { cause: error });
  } finally {
    await handle?.close();
  }
}

function firstNonSpace(data: Buffer): number {
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i];
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return i;
  }
  return -1;
}

function detectFormat(path: string, data: Buffer, first: number): PaperFileFormat {
  if (data[first] === 0x5b) return "json-array"; // [
  if (data[first] === 0x7b) return "json-lines"; // {
  const shown = data.toString("latin1", first, first + 20).replace(/[^\x20-\x7e]/g, "?");
  throw new PaperboyError(
    "bad_input",
    `${path} is not JSON: it starts with "${shown}". Expected a JSON array or JSON Lines, gzipped or not.`,
  );
}

function notJson(path: string, format: PaperFileFormat | undefined): PaperboyError {
  const hint =
    format === "json-lines"
      ? " (a pretty-printed single object is not JSON Lines: wrap it in [ ] instead)"
      : "";
  return new PaperboyError("bad_input", `${path} is not JSON: no record in it parses as JSON${hint}.`);
}

function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const code = line.charCodeAt(0);
  // Only lines that start with whitespace can be blank; skip the regex for every real record.
  return (code === 32 || code === 9 || code === 13) && /^\s*$/.test(line);
}
