// Turns untrusted strings (titles, authors, queries, LLM output, URLs from sources) into safe mrkdwn pieces.
// Every piece passes through escapeMrkdwn exactly once, here; the renderers only concatenate the results.
import { escapeMrkdwn } from "../mrkdwn.ts";
import { truncatePlainText } from "./fit-to-slack-limits.ts";

// C0/C1 controls except tab, newline and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How to clean a piece of untrusted text before it is shown. */
export interface CleanOptions {
  /** Collapse all whitespace (newlines included) to single spaces: titles, authors, queries. */
  singleLine?: boolean;
  /** Shorten to this many code units (before escaping), ending in "…". */
  maxLength?: number;
}

/**
 * Removes control characters and lone surrogates (Slack garbles or rejects them), trims, optionally
 * collapses whitespace and shortens. The result is still raw text: show it only through `plain_text` or
 * after `escapeMrkdwn`.
 */
export function cleanText(text: string, options: CleanOptions = {}): string {
  let cleaned = text.replace(CONTROL_CHARS, "").replace(LONE_SURROGATES, "\ufffd");
  cleaned = options.singleLine ? cleaned.replace(/\s+/g, " ").trim() : cleaned.replace(/\r\n?/g, "\n").trim();
  return options.maxLength === undefined ? cleaned : truncatePlainText(cleaned, options.maxLength);
}

/** Cleans and escapes untrusted text for mrkdwn or a message's `text`. */
export function escapeText(text: string, options: CleanOptions = {}): string {
  return escapeMrkdwn(cleanText(text, options));
}

/**
 * A link label from untrusted text: cleaned, single-line, escaped. `|` becomes "∣" (U+2223) because Slack
 * splits `<url|label>` at a `|` and has no escape for it; `<` and `>` are already entities after escaping,
 * so the label can neither close the link early nor open another.
 */
export function linkLabel(text: string, maxLength: number): string {
  return escapeMrkdwn(cleanText(text, { singleLine: true, maxLength }).replace(/\|/g, "\u2223"));
}

/**
 * An http(s) URL that is safe inside `<…|…>`: parsed and normalised (which percent-encodes spaces, `<`, `>` and
 * quotes), with `|` percent-encoded too. Anything that is not a well-formed http(s) URL gives `undefined`:
 * URLs come from sources, not from paperboy, so a bad one is dropped rather than shown.
 */
export function safeHttpUrl(
  url: string | undefined,
  options: { httpsOnly?: boolean } = {},
): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const allowed = options.httpsOnly ? ["https:"] : ["https:", "http:"];
  if (!allowed.includes(parsed.protocol) || parsed.username || parsed.password) return undefined;
  return parsed.href.replace(/\|/g, "%7C");
}

/** Longer URLs are not linked: no real paper, PDF or repository URL comes close, and they would crowd out text. */
const MAX_LINK_URL = 1_000;

/**
 * A mrkdwn link `<url|label>` from a URL (checked with `safeHttpUrl`) and a label that is already mrkdwn
 * (from `linkLabel`, or paperboy's own fixed words). Returns just the label when the URL is unusable.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safe = safeHttpUrl(url);
  const escaped = safe === undefined ? "" : escapeMrkdwn(safe);
  return escaped && escaped.length <= MAX_LINK_URL ? `<${escaped}|${label}>` : label;
}
