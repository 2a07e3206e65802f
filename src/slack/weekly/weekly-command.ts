// `/papers weekly …`: turns the channel's roundup on or off, sets its day, time and quiet weeks, previews it.
import type { KnownBlock } from "@slack/types";
import { isoWeekAt } from "../../activity/iso-week.ts";
import { type RoundupDeps, runRoundup } from "../../activity/run-roundup.ts";
import { nextRoundup } from "../../activity/weekly-due.ts";
import { WEEKLY_DEFAULTS, type WeeklyConfig } from "../../activity/weekly-settings.ts";
import { localParts, longDate } from "../../digest/zoned-time.ts";
import { fitToSlackLimits } from "../blocks/fit-to-slack-limits.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { renderNotice } from "../blocks/usage.ts";
import { parseWeeklyArgs } from "./parse-weekly-args.ts";

const DAY_NAMES = {
  mon: "Mondays",
  tue: "Tuesdays",
  wed: "Wednesdays",
  thu: "Thursdays",
  fri: "Fridays",
  sat: "Saturdays",
  sun: "Sundays",
};

/** The channel's settings in one sentence, with the next roundup when it is on. */
export function describeWeekly(config: WeeklyConfig | undefined, now: Date): string {
  if (!config?.enabled)
    return "The weekly roundup is off in this channel. `/papers weekly on fri 16:00` turns it on.";
  const next = nextRoundup(config, now);
  const quiet = config.quiet === "note" ? "a quiet week gets a one-line note" : "a quiet week posts nothing";
  return `The weekly roundup is on: ${DAY_NAMES[config.day]} at ${config.time} (${config.timezone}); the next is on ${longDate(localParts(next.scheduledAt, config.timezone).date)}. ${quiet[0]?.toUpperCase()}${quiet.slice(1)}.`;
}

/**
 * Answers `/papers weekly …` in `channel`: an ephemeral reply (safe mrkdwn). Bad input changes nothing and
 * says what to type; storage failures are thrown for the app's error sink.
 */
export async function answerWeeklyCommand(args: {
  deps: RoundupDeps;
  /** The time zone a channel's first roundup takes when none is typed: its digest's. */
  defaultTimezone(channel: string): Promise<string>;
  channel: string;
  text: string;
  now: Date;
}): Promise<SlackMessage> {
  const { deps, channel, now } = args;
  const request = parseWeeklyArgs(args.text);
  const initial = async (): Promise<WeeklyConfig> => ({
    channel,
    enabled: false,
    ...WEEKLY_DEFAULTS,
    timezone: await args.defaultTimezone(channel),
  });
  switch (request.action) {
    case "invalid":
      return renderNotice(request.reason);
    case "show":
      return renderNotice(describeWeekly(await deps.settings.get(channel), now));
    case "on": {
      const { action: _, ...fields } = request;
      const config = await deps.settings.update(channel, initial, () => ({ enabled: true, ...fields }));
      return renderNotice(describeWeekly(config, now));
    }
    case "off": {
      if (!(await deps.settings.get(channel))?.enabled)
        return renderNotice("The weekly roundup is already off in this channel.");
      await deps.settings.update(channel, initial, () => ({ enabled: false }));
      return renderNotice("The weekly roundup is off in this channel. `/papers weekly on` turns it back on.");
    }
    case "quiet": {
      const config = await deps.settings.update(channel, initial, () => ({ quiet: request.quiet }));
      const what = request.quiet === "note" ? "a one-line note" : "nothing";
      return renderNotice(
        `A quiet week now posts ${what}.${config.enabled ? "" : " The roundup itself is off: `/papers weekly on fri 16:00` turns it on."}`,
      );
    }
    case "preview":
      return preview(deps, (await deps.settings.get(channel)) ?? (await initial()), now);
  }
}

/** This week's roundup so far, only to the caller: nothing is posted or recorded. */
async function preview(deps: RoundupDeps, config: WeeklyConfig, now: Date): Promise<SlackMessage> {
  const week = isoWeekAt(now, config.timezone);
  // A preview always shows what a quiet week looks like, even where quiet weeks post nothing.
  const run = await runRoundup({ deps, config: { ...config, quiet: "note" }, week, now, dryRun: true });
  const message = run.message as { text: string; blocks: KnownBlock[] } | undefined;
  if (!message) return renderNotice("Nothing to show for this week yet.");
  const note: KnownBlock = {
    type: "context",
    elements: [{ type: "mrkdwn", text: "Preview of this week so far: only you can see this." }],
  };
  return { text: message.text, blocks: fitToSlackLimits([note, ...message.blocks]) };
}
