// Whether a paper the channel was already shown may come back: only as a newer arXiv version, and only if the channel asks.
import type { ChannelConfig } from "../config/channel-config.ts";
import { isPaperboyError } from "../errors.ts";
import type { Paper } from "../papers/paper.ts";
import type { ChannelSettings } from "./channel-settings.ts";

/**
 * The newer version a repeat brings, or undefined when it stays out. With `repeats: never` (the default)
 * a paper shown here is never shown again, whatever its source or version; with `new-versions` it comes
 * back once per newer version. A paper whose shown version is unknown (0) stays out: nothing says it changed.
 */
export function newVersionOf(
  paper: Pick<Paper, "version">,
  repeats: ChannelConfig["repeats"],
  shownVersion: number | undefined,
): number | undefined {
  if (repeats !== "new-versions" || !shownVersion || !paper.version) return undefined;
  return paper.version > shownVersion ? paper.version : undefined;
}

export type RepeatsOutcome =
  | { kind: "repeats"; repeats: ChannelConfig["repeats"] }
  | { kind: "refused"; reason: string };

/** Sets whether new versions of papers already shown come back; another instance's concurrent edit is refused with a reason. */
export async function applyRepeatsChange(
  settings: ChannelSettings,
  channel: string,
  repeats: ChannelConfig["repeats"],
): Promise<RepeatsOutcome> {
  try {
    return { kind: "repeats", repeats: (await settings.update(channel, { repeats })).repeats };
  } catch (error) {
    if (isPaperboyError(error, "bad_input") || isPaperboyError(error, "busy"))
      return { kind: "refused", reason: error.detail ?? error.message };
    throw error;
  }
}
