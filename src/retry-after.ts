// The one Retry-After parser, for every HTTP service paperboy calls (paper sources, the LLM).

/**
 * A `Retry-After` value in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3), a date in the
 * past being 0. Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // Whole seconds per the RFC; some servers send a fraction, which is read rather than ignored.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
