// Citation keys for exported papers: firstauthorYEARfirstword, lowercase ASCII, with a/b/… suffixes on clashes.

import { citationName } from "../papers/author-names.ts";
import type { Paper } from "../papers/paper.ts";

// Words that say nothing about a paper; the key takes the first word after them.
const STOPWORDS = new Set(
  "a an the on of in for to and with via from towards toward is are do does how what why when can we by at as into".split(
    " ",
  ),
);

/** The paper's year: its publication date, else the year its arXiv id encodes (`2302.…` → 2023, `hep-th/99…` → 1999). */
export function paperYear(paper: Pick<Paper, "id" | "publishedAt">): number | undefined {
  const published = /^(\d{4})/.exec(paper.publishedAt ?? "")?.[1];
  if (published) return Number(published);
  const yy = /^(\d{2})\d{2}\.\d{4,5}$/.exec(paper.id)?.[1] ?? /\/(\d{2})\d{5}$/.exec(paper.id)?.[1];
  if (yy === undefined) return undefined;
  const year = Number(yy);
  return year >= 91 ? 1900 + year : 2000 + year;
}

/** Lowercase ASCII letters and digits only: `Schrödinger` → `schrodinger`. */
function asciiWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The key before any clash suffix. */
export function baseCitationKey(paper: Pick<Paper, "id" | "title" | "authors" | "publishedAt">): string {
  const first = paper.authors[0];
  const name = first === undefined ? undefined : citationName(first);
  const surname = name ? ("family" in name ? name.family : name.literal) : "";
  const author = asciiWord(surname.split(/\s+/).at(-1) ?? "") || "anon";
  const words = paper.title.split(/[\s\-–—:/]+/).map(asciiWord);
  const word = words.find((w) => w.length > 0 && !STOPWORDS.has(w)) ?? "paper";
  return `${author}${paperYear(paper) ?? ""}${word}`;
}

/**
 * Unique keys for a set of papers. Papers whose keys clash are ordered by arXiv id (older first): the first keeps
 * the plain key, the next get `a`, `b`, …, so the same papers always get the same keys, and adding a newer
 * paper leaves the older ones' keys alone.
 */
export function citationKeys(
  papers: ReadonlyArray<Pick<Paper, "id" | "title" | "authors" | "publishedAt">>,
): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const paper of papers) {
    const base = baseCitationKey(paper);
    const ids = byBase.get(base) ?? [];
    if (!ids.includes(paper.id)) ids.push(paper.id);
    byBase.set(base, ids);
  }
  const keys = new Map<string, string>();
  const taken = new Set(byBase.keys());
  for (const [base, ids] of byBase) {
    ids.sort(compareArxivIds);
    ids.forEach((id, index) => {
      if (index === 0) {
        keys.set(id, base);
        return;
      }
      // A suffixed key could equal another paper's plain key (`smith2023a`): skip to the next free suffix.
      let n = index;
      let key = `${base}${suffix(n)}`;
      while (taken.has(key)) key = `${base}${suffix(++n)}`;
      taken.add(key);
      keys.set(id, key);
    });
  }
  return keys;
}

/** a, b, …, z, aa, ab, … for the 1st, 2nd, … clash. */
function suffix(n: number): string {
  let rest = n - 1;
  let out = "";
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return out;
}

// New-style ids sort by their digits (2302.06675 < 2310.00001); old-style ids (hep-th/9901001) come first.
function compareArxivIds(a: string, b: string): number {
  const oldA = a.includes("/");
  const oldB = b.includes("/");
  if (oldA !== oldB) return oldA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
