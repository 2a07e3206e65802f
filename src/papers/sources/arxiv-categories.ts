// arXiv's category codes (shipped as data in arxiv-categories.json): checks a code, suggests the closest when misspelt.
import taxonomy from "./arxiv-categories.json" with { type: "json" };

/** Every code an arXiv feed or `cat:` query accepts: whole archives (`cs`, `astro-ph`) and categories (`cs.LG`). */
const CODES: readonly string[] = [...Object.keys(taxonomy.archives), ...Object.keys(taxonomy.categories)];
const KNOWN = new Set(CODES);

/** The category's or archive's name ("Machine Learning"), or undefined for an unknown code. */
export function arxivCategoryName(code: string): string | undefined {
  return (
    (taxonomy.categories as Record<string, string>)[code] ??
    (taxonomy.archives as Record<string, string>)[code]
  );
}

/** Whether `code` is one of arXiv's codes, exactly as arXiv spells it (`cs.LG`, not `cs.lg`). */
export function isArxivCategory(code: string): boolean {
  return KNOWN.has(code);
}

/**
 * Undefined for a valid code; otherwise one sentence saying so, with the closest valid code when
 * one is near ("astroph" → astro-ph, "cs.lg" → cs.LG), so a typo is fixed before any request.
 */
export function arxivCategoryProblem(code: string): string | undefined {
  if (KNOWN.has(code)) return undefined;
  const closest = closestArxivCategory(code);
  const hint = closest ? ` Did you mean ${closest} (${arxivCategoryName(closest)})?` : "";
  return `"${code}" is not an arXiv category.${hint} See https://arxiv.org/category_taxonomy for the list.`;
}

/** The valid code nearest to `code` in edit distance (ignoring case), if it is near enough to be a typo. */
export function closestArxivCategory(code: string): string | undefined {
  const wanted = code.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of CODES) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the code's length (at least 2 edits) is a typo; more is a different word.
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

// Levenshtein distance, by hand: 15 lines over ~175 short codes do not warrant a new dependency.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
