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
  const sorted =
    clean.length === text.length
      ? [...matches]
      : matches.map((m) => remap(text, m)).filter((m) => m[1] > m[0]);
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

/** Maps a range in `text` to the same range after whitespace runs are collapsed to one space. */
function remap(text: string, [start, end]: Highlight): Highlight {
  const before = text.slice(0, start).replace(/\s+/g, " ").length;
  const inside = text.slice(start, end).replace(/\s+/g, " ").length;
  return [before, before + inside];
}
