// The arXiv API search for followed authors' papers: `au:doe_j OR au:leal_taixe_l`, built so no name can inject operators.
import { foldName, parseAuthorName } from "../author-names.ts";

/** Names per query: arXiv takes long queries, but a channel follows at most 50 anyway. */
export const MAX_AUTHORS_PER_QUERY = 50;

/**
 * One `au:` term per followable name: the surname's words (folded, joined by `_`, as arXiv writes
 * `au:del_maestro`) and the first initial. arXiv's author search is loose (it matches the words), so
 * whatever it returns is filtered again by the exact matcher (src/papers/author-names.ts). Names that
 * are not followable (no given name) are left out; "" when none is left.
 */
export function buildArxivAuthorQuery(names: readonly string[]): string {
  const terms = new Set<string>();
  for (const name of names.slice(0, MAX_AUTHORS_PER_QUERY)) {
    const initial = parseAuthorName(name).splits[0]?.given[0]?.[0];
    const comma = name.indexOf(",");
    const surnameText = comma >= 0 ? name.slice(0, comma) : (name.trim().split(/\s+/).at(-1) ?? "");
    const surname = foldName(surnameText)
      .split(/[\s-]+/)
      .map((word) => word.replace(/[^a-z0-9]/g, ""))
      .filter(Boolean)
      .join("_");
    if (initial && /^[a-z0-9]$/.test(initial) && surname) terms.add(`au:${surname}_${initial}`);
  }
  return [...terms].join(" OR ");
}
