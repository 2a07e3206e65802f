// Parses whatever a person types into a search box into terms, phrases and filters; never throws.
import { parsePaperRef } from "./arxiv-id.ts";
import { STOPWORDS, stemWord, tokenizeWords } from "./text-tokens.ts";

/** A query word, folded as the index folds it, with its Porter stem. */
export interface QueryTerm {
  word: string;
  stem: string;
}

/** A query taken apart: free-text terms rank, phrases and filters restrict. */
export interface ParsedQuery {
  /** Set when the whole query is an arXiv id or paper URL: the search is a lookup. */
  paperId?: string;
  /** Free-text words, stopwords removed, one per stem, in query order: matched with OR and ranked. */
  terms: QueryTerm[];
  /** Quoted phrases (a quoted single word is a one-word phrase): ranked like words, each one part. */
  phrases: QueryTerm[][];
  /**
   * With `OR` or commas between them, the sides of the query (`diffusion, reinforcement learning`): a paper
   * matching every part of one side matches the whole query. Each side lists its parts by key (a word's
   * stem, a phrase's stems joined by spaces). Absent for a query with one side.
   */
  alternatives?: string[][];
  /** `author:` filters, each a name as words: every one must match the authors. */
  authors: string[][];
  /** `cat:` filters: a paper must be in one of them (`cs.LG`, or `cs` for a whole archive). */
  categories: string[];
  /** `since:` (inclusive) and `before:` (exclusive) as `YYYY-MM-DD`. */
  since?: string;
  before?: string;
}

// Only the start of a very long query is read, and only this many words rank: a pasted abstract
// must not turn into a 300-term OR that scans the whole index.
const MAX_QUERY_CHARS = 4000;
const MAX_TERMS = 16;
const MAX_PHRASES = 8;
const MAX_PHRASE_WORDS = 16;

// A Map, not an object literal: `constructor:` or `__proto__:` typed by a user must not find anything.
const FILTER_KEYS = new Map<string, "author" | "cat" | "since" | "before">([
  ["author", "author"],
  ["authors", "author"],
  ["au", "author"],
  ["cat", "cat"],
  ["category", "cat"],
  ["since", "since"],
  ["after", "since"],
  ["from", "since"],
  ["before", "before"],
  ["until", "before"],
]);

const CATEGORY = /^[a-z][a-z-]*(?:\.[a-z][a-z-]*)?$/i;

/** Reads `2025`, `2025-03` or `2025-03-18` as the first day it covers, or null. */
function parseDay(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2] ?? 1);
  const day = Number(m[3] ?? 1);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

function toTerms(text: string): QueryTerm[] {
  return tokenizeWords(text).map(({ word }) => ({ word, stem: stemWord(word) }));
}

/** Applies one `key:value` filter; returns false when the value is unusable (it is then read as words). */
function applyFilter(query: ParsedQuery, key: string, value: string): boolean {
  const kind = FILTER_KEYS.get(key.toLowerCase());
  if (!kind) return false;
  if (kind === "author") {
    const words = tokenizeWords(value).map((t) => t.word);
    if (words.length === 0) return false;
    query.authors.push(words.slice(0, MAX_PHRASE_WORDS));
    return true;
  }
  if (kind === "cat") {
    const cats = value.split(",").filter((c) => CATEGORY.test(c));
    if (cats.length === 0) return false;
    query.categories.push(...cats);
    return true;
  }
  const day = parseDay(value);
  if (!day) return false;
  query[kind] = day;
  return true;
}

/** The key of a query part: a word's stem, or a phrase's stems joined by spaces. */
export function partKey(part: readonly QueryTerm[]): string {
  return part.map((t) => t.stem).join(" ");
}

/**
 * Splits the input into quoted parts and bare chunks, reading `key:value` and `key:"a b"` filters.
 * `sides` gets, for each bare chunk and phrase, the side of an `OR` or comma list it is on.
 */
function scan(input: string, query: ParsedQuery, words: string[], sides: Side[]): void {
  let side = 0;
  const current = (): Side => {
    while (sides.length <= side) sides.push({ words: [], phrases: [] });
    return sides[side] as Side;
  };
  const text = input.slice(0, MAX_QUERY_CHARS).replace(/[“”„‟″«»]/g, '"');
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (i >= text.length) break;
    if (text.charAt(i) === '"') {
      const close = text.indexOf('"', i + 1);
      // A quote left open is a typo, not a phrase to require: its words are read as plain words.
      if (close === -1) {
        i++;
        continue;
      }
      const phrase = toTerms(text.slice(i + 1, close)).slice(0, MAX_PHRASE_WORDS);
      if (phrase.length > 0 && query.phrases.length < MAX_PHRASES) {
        query.phrases.push(phrase);
        current().phrases.push(phrase);
      }
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text.charAt(end)) && text.charAt(end) !== '"') end++;
    const chunk = text.slice(i, end);
    i = end;
    // `OR` in capitals is the operator people type by habit; `or` in a sentence stays a stopword.
    if (chunk === "OR" || chunk === "|") {
      side++;
      continue;
    }
    const filter = /^([a-z]+):(.*)$/i.exec(chunk);
    if (filter?.[1] !== undefined && FILTER_KEYS.has(filter[1].toLowerCase())) {
      let value = filter[2] ?? "";
      if (value === "" && text.charAt(i) === '"') {
        const close = text.indexOf('"', i + 1);
        const valueEnd = close === -1 ? text.length : close;
        value = text.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      }
      if (applyFilter(query, filter[1], value)) continue;
      words.push(filter[1], value);
      current().words.push(filter[1], value);
      continue;
    }
    // Commas separate the sides of a list (`diffusion, reinforcement learning`).
    chunk.split(",").forEach((piece, k) => {
      if (k > 0) side++;
      if (piece === "") return;
      words.push(piece);
      current().words.push(piece);
    });
  }
}

interface Side {
  words: string[];
  phrases: QueryTerm[][];
}

/** parsePaperRef, made total: search must answer whatever was typed (it threw on `__proto__`). */
function paperRefOrNull(text: string): string | null {
  try {
    return parsePaperRef(text);
  } catch {
    return null;
  }
}

/**
 * Parses a search query. Anything is accepted: operators, quotes, emoji and punctuation are read as
 * plain words or separators, never as FTS5 syntax. A query that is exactly an arXiv id or paper URL
 * becomes a lookup (`paperId`).
 */
export function parseSearchQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], phrases: [], authors: [], categories: [] };
  const trimmed = input.trim();
  const paperId = trimmed.length <= 300 ? paperRefOrNull(trimmed) : null;
  if (paperId) {
    query.paperId = paperId;
    return query;
  }
  const chunks: string[] = [];
  const sides: Side[] = [];
  scan(input, query, chunks, sides);
  // A lone ASCII letter is a fragment (`Hinton's` → `hinton`, `s`), not something to search for.
  const all = toTerms(chunks.join(" ")).filter((t) => !/^[a-z]$/.test(t.word));
  const content = all.filter((t) => !STOPWORDS.has(t.word));
  // A query made only of stopwords ("the who") still searches for them.
  const chosen = content.length > 0 ? content : all;
  const seen = new Set<string>();
  for (const term of chosen) {
    if (seen.has(term.stem)) continue;
    seen.add(term.stem);
    query.terms.push(term);
    if (query.terms.length >= MAX_TERMS) break;
  }
  const ranked = new Set([...query.terms.map((t) => t.stem), ...query.phrases.map(partKey)]);
  const alternatives = sides
    .map((side) => [
      ...new Set(
        [...toTerms(side.words.join(" ")).map((t) => t.stem), ...side.phrases.map(partKey)].filter((key) =>
          ranked.has(key),
        ),
      ),
    ])
    .filter((keys) => keys.length > 0);
  if (alternatives.length > 1) query.alternatives = alternatives;
  return query;
}

/** True when the query has nothing to search or filter on. */
export function isBlankQuery(query: ParsedQuery): boolean {
  return (
    !query.paperId &&
    query.terms.length === 0 &&
    query.phrases.length === 0 &&
    query.authors.length === 0 &&
    query.categories.length === 0 &&
    !query.since &&
    !query.before
  );
}
