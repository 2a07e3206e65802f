// Parses every form in which a person pastes a paper reference into a bare arXiv id.

// New-style ids: YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015 on), optional version.
const NEW_STYLE = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(?:v\d+)?$/;
// Old-style ids: archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(\.[A-Z]{2})?\/(\d{2})(0[1-9]|1[0-2])(\d{3})(?:v\d+)?$/;

// Hosts whose paths carry an arXiv id, and the path prefixes that introduce it.
// A Map, not an object: a hostname like "__proto__" or "constructor" must not find anything.
const HOST_PATHS = new Map<string, string[]>(
  Object.entries({
    "arxiv.org": ["abs/", "pdf/", "html/", "format/"],
    "export.arxiv.org": ["abs/", "pdf/", "html/"],
    "huggingface.co": ["papers/"],
    "hf.co": ["papers/"],
    "alphaxiv.org": ["abs/", "overview/"],
  }),
);

/** Normalises an id already known to be arXiv-shaped: drops `vN`, checks the shape. */
export function normalizeArxivId(raw: string): string | null {
  const id = raw.trim();
  const modern = NEW_STYLE.exec(id);
  if (modern) {
    // Five-digit sequence numbers start in 1501; four-digit ones end in 1412.
    const yymm = Number(`${modern[1]}${modern[2]}`);
    const digits = modern[3]?.length ?? 0;
    if (digits === 5 && yymm < 1501) return null;
    if (digits === 4 && yymm >= 1501) return null;
    return id.replace(/v\d+$/, "");
  }
  if (OLD_STYLE.test(id)) return id.replace(/v\d+$/, "");
  return null;
}

/**
 * The version a raw arXiv id or link names (`2401.01234v2`, `arXiv:hep-th/9901001v3`,
 * `https://arxiv.org/pdf/2401.01234v2.pdf` → 2, 3, 2), or undefined when it names none. The id itself is
 * always the bare one (`normalizeArxivId`): every version is one paper; the version only keys summaries.
 */
export function arxivVersion(raw: string): number | undefined {
  const match = /(?:\d{4}\.\d{4,5}|\/\d{7})v(\d{1,4})(?!\d)/.exec(raw);
  const version = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/**
 * Finds the arXiv id in what a user typed or pasted: a bare id (`2302.06675v2`), `arXiv:…`,
 * old-style ids, arxiv.org abs/pdf/html URLs, Hugging Face and alphaxiv paper URLs, and the
 * same URLs as Slack sends them (`<https://…|label>`). Returns null for anything else.
 */
export function parsePaperRef(input: string): string | null {
  let text = input.trim();
  // Slack wraps links as <url> or <url|label>.
  const slackLink = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(text);
  if (slackLink?.[1]) text = slackLink[1].trim();
  if (text.length === 0 || text.length > 300 || /\s/.test(text)) return null;

  const prefixed = /^arxiv:(.+)$/i.exec(text);
  if (prefixed?.[1]) return normalizeArxivId(prefixed[1]);

  const bare = normalizeArxivId(text);
  if (bare) return bare;

  return idFromUrl(text);
}

function idFromUrl(text: string): string | null {
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const prefixes = HOST_PATHS.get(host);
  if (!prefixes) return null;
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, "").replace(/\/+$/, "");
  for (const prefix of prefixes) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length).replace(/\.pdf$/i, "");
    return normalizeArxivId(rest);
  }
  return null;
}
