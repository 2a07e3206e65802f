// Small field normalisers every source parser shares: whitespace, dates, URLs.

/**
 * Collapses line wraps and runs of whitespace to single spaces and trims. Sources wrap titles and
 * abstracts at ~80 columns (`\n` plus indentation); a reader wants one paragraph.
 */
export function collapseWhitespace(text: string): string {
  // Fast path for text that is already single-spaced (the whole arXiv corpus): four substring
  // searches cost a third of one regex test with an alternation, and this runs on every abstract.
  const needsCollapse =
    text.includes("\n") || text.includes("  ") || text.includes("\t") || text.includes("\r");
  if (!needsCollapse) return text.trim();
  return text.replace(/\s+/g, " ").trim();
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The `YYYY-MM-DD` day at the start of an ISO-8601 timestamp or date, or undefined. */
export function isoDay(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = ISO_DAY.exec(value.trim());
  if (!match) return undefined;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** The value if it is an absolute http(s) URL; links end up as Slack buttons, so nothing else passes. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return undefined;
  try {
    new URL(trimmed);
    return trimmed;
  } catch {
    return undefined;
  }
}

/** Joins a base URL and a path without losing a path prefix on the base (stand-ins mount under one). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
