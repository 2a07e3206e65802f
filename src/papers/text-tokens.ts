// Word-level text handling shared by query parsing, ranking and snippets: folding, tokens, stopwords.
import { LRUCache } from "lru-cache";
import { porterStem } from "./porter-stemmer.ts";

/** A word as FTS5's unicode61 tokenizer sees it: lower-cased, diacritics removed. */
export interface WordToken {
  /** Folded form (`régularisé` → `regularise`). */
  word: string;
  /** UTF-16 offsets of the word in the original text. */
  start: number;
  end: number;
}

// Letters and digits make words; everything else (punctuation, symbols, emoji) separates them, as in
// FTS5's unicode61 tokenizer. Private-use characters (Co) are token characters there too.
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Co}]/u;

/** Whether a UTF-16 code unit belongs to a word (the class of WORD), with ASCII answered without a regex. */
export function isWordChar(code: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(String.fromCharCode(code));
}
const MARKS = /\p{M}/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
// toLowerCase writes a word-final Σ as ς; unicode61 folds by code point and writes both as σ.
const FINAL_SIGMA = /ς/g;

/** Lower-cases and strips diacritics the way `remove_diacritics 2` does for Latin scripts. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower;
  return lower.normalize("NFD").replace(MARKS, "").normalize("NFC").replace(FINAL_SIGMA, "σ");
}

/** Splits text into folded words with their offsets; empty words (marks only) are dropped. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word.length > 0) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

// Queries bring new words without end; the most recently stemmed 50,000 stay. Bounded by maxSize (one per
// entry) rather than `max`, which preallocates all 50,000 slots: ≈7 ms of every command's start-up.
const stemCache = new LRUCache<string, string>({ maxSize: 50_000, sizeCalculation: () => 1 });

/** Porter stem of a folded word, memoised because ranking stems the same words over and over. */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = porterStem(word);
    stemCache.set(word, stem);
  }
  return stem;
}

/**
 * English function words: they carry no topic. The one list every text feature starts from (search,
 * arXiv queries, discussion excerpts, extractive summaries); each adds its own named words on top.
 * Query operators people type by habit (AND, OR, NOT) are here too, so they never reach FTS5 or arXiv as syntax.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves"
  ).split(" "),
);

/** Function words plus each word in `extra`: a feature's own stopwords on top of the shared list. */
export function withStopwords(extra: string): ReadonlySet<string> {
  return new Set([...FUNCTION_WORDS, ...extra.split(" ")]);
}

/**
 * Words dropped from free-text `/papers` queries so that a question ("which optimizer was found by
 * program search?") ranks on its content words: function words, and the words of asking for papers.
 */
export const STOPWORDS = withStopwords("paper papers using use via find found etc");

/** Removes a plural ending so that `models` and `model` compare as the same surface form. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
    return word.slice(0, -1);
  }
  return word;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Whether a document word that shares the query word's Porter stem is also the same word family.
 * Porter maps `regular`, `regularity` and `regularization` to one stem; a reader searching
 * `regularization` wants regularized/regularizer/regularizing, so the words must also agree two
 * letters past the stem (`regulariz…`), after plurals are removed.
 */
export function sameWordFamily(queryWord: string, queryStem: string, docWord: string): boolean {
  const q = singular(queryWord);
  const need = Math.min(q.length, queryStem.length + 2);
  return commonPrefixLength(q, singular(docWord)) >= need;
}
