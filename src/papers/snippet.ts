// Cuts a short passage around the matched words of a text, keeping where those words are.

/** A `[start, end)` range of UTF-16 offsets into the string it accompanies. */
export type Highlight = [start: number, end: number];

/** Plain text (never markup) and the ranges of the matched words in it. */
export interface Snippet {
  text: string;
  highlights: Highlight[];
}

const ELLIPSIS = "…";
// Context kept before the first highlighted word, so the passage does not start on it.
const LEAD = 50;

/** Moves `i` back to the start of the word it falls in (or stays at a boundary). */
function wordStart(text: string, i: number): number {
  while (i > 0 && /\S/.test(text.charAt(i - 1))) i--;
  return i;
}

/** Moves `i` back to the end of the last whole word before it. */
function wordEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  while (i > 0 && /\S/.test(text.charAt(i))) i--;
  while (i > 0 && /\s/.test(text.charAt(i - 1))) i--;
  return i;
}

/**
 * The passage of at most about `maxLength` characters holding the most matches (the earliest such
 * one), cut at word boundaries and marked with `…` where text was dropped. With no matches it is the
 * start of the text.
 */
export function makeSnippet(text: string, matches: readonly Highlight[], maxLength = 240): Snippet {
  const clean = text.replace(/\s+/g, " ");
  // Whitespace runs were collapsed, so map offsets only when the text had any to collapse.
  let sorted: Highlight[];
  if (clean.length === text.length) sorted = [...matches];
  else {
    const collapsed = collapsedOffsets(text);
    sorted = matches.map((m) => remap(text, collapsed, m)).filter((m) => m[1] > m[0]);
  }
  sorted.sort((a, b) => a[0] - b[0]);
  if (clean.length <= maxLength) return { text: clean, highlights: sorted };

  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    const windowStart = Math.max(0, (sorted[i]?.[0] ?? 0) - LEAD);
    while (j < sorted.length && (sorted[j]?.[1] ?? 0) <= windowStart + maxLength) j++;
    const count = j - i;
    if (count > bestCount) {
      bestCount = count;
      bestStart = windowStart;
    }
  }
  const start0 = wordStart(clean, Math.min(bestStart, Math.max(0, clean.length - maxLength)));
  let end = wordEnd(clean, start0 + maxLength);
  let start = start0;
  while (start < clean.length && clean.charAt(start) === " ") start++;
  if (end <= start) end = Math.min(clean.length, start + maxLength);
  const prefix = start > 0 ? ELLIPSIS : "";
  const suffix = end < clean.length ? ELLIPSIS : "";
  const shift = prefix.length - start;
  const highlights = sorted
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): Highlight => [s + shift, e + shift]);
  return { text: `${prefix}${clean.slice(start, end)}${suffix}`, highlights };
}

const SPACE = /\s/;

function isSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  // The common cases without a regex: space, tab, newline, carriage return; letters and digits are not.
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && SPACE.test(text.charAt(i));
}

/**
 * `offsets[i]` = the length of `text.slice(0, i)` once every whitespace run is collapsed to one space:
 * one pass over the text, where slicing and collapsing a prefix per highlight cost a copy of the text each.
 */
function collapsedOffsets(text: string): Uint32Array {
  const offsets = new Uint32Array(text.length + 1);
  let previousSpace = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text, i);
    offsets[i + 1] = (offsets[i] ?? 0) + (space && previousSpace ? 0 : 1);
    previousSpace = space;
  }
  return offsets;
}

/** Maps a range in `text` to the same range after whitespace runs are collapsed to one space. */
function remap(text: string, collapsed: Uint32Array, [start, end]: Highlight): Highlight {
  const before = collapsed[start] ?? 0;
  // A range that starts inside a whitespace run keeps one space of its own at its start.
  const ownSpace = start < end && start > 0 && isSpace(text, start) && isSpace(text, start - 1) ? 1 : 0;
  return [before, (collapsed[end] ?? 0) + ownSpace];
}
