// The text `/papers settings` and the App Home show for a channel's digest settings.
import type { ChannelConfig } from "../../config/channel-config.ts";
import type { ChannelSettings, SettingsPatch } from "../../digest/channel-settings.ts";
import { nextDigest } from "../../digest/digest-due.ts";
import type { ExclusionsToday } from "../../digest/exclusions-today.ts";
import { longDate } from "../../digest/zoned-time.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import { describeFollowed } from "./follow-command.ts";
import { sourceLabel } from "./render-digest-message.ts";
import { describeRepeats } from "./repeats-command.ts";

export interface DescribeOptions {
  /** Used to say when the next digest is due. */
  now?: Date;
  /** Fields set in Slack (they win over the config file); listed so an admin knows where a value lives. */
  fromSlack?: readonly (keyof SettingsPatch)[];
  /** False for a channel nobody configured yet: says how to start. Default true. */
  configured?: boolean;
  /** Only the schedule line (for replies to `/papers schedule`). */
  only?: "schedule";
  /** How many of today's candidates the exclusions removed (shown with the excluded words). */
  exclusionsToday?: ExclusionsToday;
}

/** What `fill` does, in one line. */
export function describeFill(fill: ChannelConfig["fill"]): string {
  return fill === "popular"
    ? "*When few papers match:* the day's most upvoted papers fill the digest, under *Popular today*"
    : "*When few papers match:* only matching papers are posted";
}

/** How a `days` setting reads: "weekdays", "every day", "Mon, Wed, Fri". */
export function describeDays(days: ChannelConfig["days"]): string {
  if (days === "daily") return "every day";
  if (days === "weekdays") return "weekdays";
  return days.map((day) => day[0]?.toUpperCase() + day.slice(1)).join(", ");
}

/** The schedule in one line: "09:00 Europe/Berlin, weekdays — next: Monday, 30 March 2026". */
export function describeSchedule(config: ChannelConfig, now?: Date): string {
  const when = `${config.time} ${config.timezone}, ${describeDays(config.days)}`;
  if (!config.enabled) return `${when} — *off* (turn on with \`/papers digest on\`)`;
  const next = now ? nextDigest(config, now) : undefined;
  return next ? `${when} — next: ${longDate(next.date)}` : when;
}

/**
 * Safe mrkdwn describing a channel's digest: schedule, topics, excluded words, size and sources, what an
 * empty day does, which values were set in Slack, and the commands that change each. User-set words are escaped.
 */
export function describeSettings(config: ChannelConfig, options: DescribeOptions = {}): string {
  const schedule = `*When:* ${describeSchedule(config, options.now)}`;
  if (options.only === "schedule") return schedule;
  const words = (items: readonly string[]) =>
    items.map((item) => `*${escapeText(item, { singleLine: true, maxLength: 100 })}*`).join(", ");
  const lines = [
    `*Daily paper digest in <#${config.channel}>: ${config.enabled ? "on" : "off"}*`,
    `• ${schedule}`,
    `• *Topics:* ${config.topics.length > 0 ? `${words(config.topics)} (a paper matching any one is in; more topics and title matches rank higher, then Hugging Face upvotes)` : "none — ranked by Hugging Face upvotes"}`,
    `• *Excluded words:* ${config.exclude.length > 0 ? `${words(config.exclude)}${exclusionsLine(options.exclusionsToday)}` : "none"}`,
    `• ${describeFill(config.fill)}`,
    `• ${describeFollowed(config.follow)}`,
    `• ${describeRepeats(config.repeats)}`,
    `• *Size and sources:* up to ${config.maxPapers} papers from ${config.sources
      .map(sourceLabel)
      .map((s) => escapeText(s))
      .join(", ")}`,
    `• *Days with nothing new:* ${config.emptyDay === "note" ? "a one-line note" : "nothing is posted"}`,
  ];
  if (options.configured === false) {
    lines.push(
      "_Not configured yet: `/papers schedule 09:00 Europe/Berlin weekdays` turns the digest on here._",
    );
  } else if (options.fromSlack && options.fromSlack.length > 0) {
    lines.push(`_Set in Slack (overrides the config file): ${options.fromSlack.join(", ")}._`);
  }
  lines.push(
    'Change with `/papers schedule 09:00 Europe/Berlin weekdays`, `/papers topics add|remove|set|clear …`, `/papers exclude add|remove|set|clear …`, `/papers digest on|off|preview|now`, `/papers digest fill popular|none`, `/papers digest repeats never|new-versions`, `/papers follow|unfollow "Jane Doe"`.',
  );
  return lines.join("\n");
}

function exclusionsLine(today: ExclusionsToday | undefined): string {
  if (!today) return "";
  const papers = (n: number) => `${n} paper${n === 1 ? "" : "s"}`;
  return ` — removed ${papers(today.removed)} of today's ${today.candidates} candidates (${longDate(today.date)})`;
}

/**
 * Every configured channel's digest settings, one mrkdwn section text each (for the App Home tab, which
 * allows 100 blocks: the caller keeps to that).
 */
export async function describeAllSettings(
  settings: Pick<ChannelSettings, "list" | "view">,
  now?: Date,
): Promise<string[]> {
  const configs = await settings.list();
  const views = await Promise.all(configs.map((config) => settings.view(config.channel)));
  return views.map((view) =>
    describeSettings(view.config, { fromSlack: view.fromSlack, ...(now ? { now } : {}) }),
  );
}
