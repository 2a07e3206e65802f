// `/papers digest repeats never|new-versions`: whether a paper already shown here comes back as a new arXiv version.
import type { ChannelConfig } from "../../config/channel-config.ts";
import type { ChannelSettings } from "../../digest/channel-settings.ts";
import { applyRepeatsChange } from "../../digest/repeat-versions.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";

/** The settings line for `repeats`. */
export function describeRepeats(repeats: ChannelConfig["repeats"]): string {
  return repeats === "new-versions"
    ? "*Papers already shown:* shown again once for each newer arXiv version, marked _new version_"
    : "*Papers already shown:* never shown again, from any source or as a new arXiv version";
}

/** Sets the channel's `repeats` and says what it means now (safe mrkdwn: only paperboy's own words). */
export async function answerRepeatsRequest(args: {
  settings: ChannelSettings;
  channel: string;
  repeats: ChannelConfig["repeats"];
}): Promise<SlackMessage> {
  const outcome = await applyRepeatsChange(args.settings, args.channel, args.repeats);
  const text =
    outcome.kind === "refused"
      ? outcome.reason
      : `${describeRepeats(outcome.repeats)}.\nChange with \`/papers digest repeats never\` or \`/papers digest repeats new-versions\`.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
