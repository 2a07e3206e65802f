// How many of today's candidates a channel's excluded words remove (shown by `/papers settings`).
import type { ChannelConfig } from "../config/channel-config.ts";
import { dedupeById } from "./compose-digest.ts";
import type { DigestDeps } from "./run-digest.ts";
import { findExcludedWord } from "./text-terms.ts";
import { localParts } from "./zoned-time.ts";

/** What a channel's excluded words did to today's candidates. */
export interface ExclusionsToday {
  /** The channel's local date. */
  date: string;
  candidates: number;
  removed: number;
}

/** How long `/papers settings` waits for today's candidates before answering without the count. */
const EXCLUSIONS_WAIT_MS = 2_500;

/**
 * How many of today's candidates (the channel's local date) the channel's excluded words remove; undefined
 * when it has none, or the sources do not answer in time (the settings are shown without the count).
 */
export async function countExclusionsToday(
  deps: Pick<DigestDeps, "candidates">,
  config: ChannelConfig,
  now: Date,
): Promise<ExclusionsToday | undefined> {
  if (config.exclude.length === 0) return undefined;
  const date = localParts(now, config.timezone).date;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), EXCLUSIONS_WAIT_MS);
  });
  try {
    const fetched = await Promise.race([deps.candidates.fetch(config.sources, date), timeout]);
    if (!fetched) return undefined;
    const candidates = dedupeById(fetched.papers);
    const removed = candidates.filter((paper) => findExcludedWord(paper, config.exclude) !== undefined);
    return { date, candidates: candidates.length, removed: removed.length };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
