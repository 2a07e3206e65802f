// The zod schema of one channel's digest settings, shared by the config file and Slack edits.
import type { z } from "zod";
import { lazySchema } from "../lazy-zod.ts";
import { arxivCategoryProblem } from "../papers/sources/arxiv-categories.ts";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** One channel's settings; built on first use, as zod takes ≈100 ms to load and most runs never validate them. */
export const channelConfigSchema = lazySchema((z) => {
  /** `hf` (Hugging Face daily papers) or `arxiv:<category>` (arXiv new submissions in one of arXiv's categories). */
  const sourceSchema = z
    .string()
    .regex(/^(hf|arxiv:.+)$/, { message: 'use "hf" or "arxiv:<category>", e.g. "arxiv:cs.LG"' })
    .superRefine((source, context) => {
      if (!source.startsWith("arxiv:")) return;
      const problem = arxivCategoryProblem(source.slice("arxiv:".length));
      if (problem) context.addIssue({ code: "custom", message: problem });
    });

  return z.object({
    channel: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, {
      message: "use the channel's id (like C0123456789), found under the channel's name → About",
    }),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'use 24-hour "HH:MM", e.g. "09:00"' }),
    timezone: z.string().refine(isTimeZone, {
      message: 'use an IANA time zone name, e.g. "Europe/Berlin" or "America/New_York"',
    }),
    days: z
      .union([z.enum(["weekdays", "daily"]), z.array(z.enum(WEEKDAYS)).min(1)])
      .default("weekdays")
      .describe('"weekdays", "daily", or a list like [mon, wed, fri]'),
    topics: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    exclude: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    maxPapers: z.number().int().min(1, { message: "use a number from 1 to 20" }).max(20).default(8),
    sources: z.array(sourceSchema).min(1).default(["hf"]),
    /** What fills a digest when fewer papers match the topics than `maxPapers`: the day's most upvoted, or nothing. */
    fill: z
      .enum(["popular", "none"], {
        message:
          'use "popular" (top up with the day\'s most upvoted papers) or "none" (post only topic matches)',
      })
      .default("popular"),
    /** Authors whose new papers are always in the digest (names matched by src/papers/author-names.ts). */
    follow: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    /** Whether a paper already shown here comes back as a new arXiv version ("new-versions") or never. */
    repeats: z
      .enum(["never", "new-versions"], {
        message: 'use "never" or "new-versions" (show a paper again when arXiv has a newer version)',
      })
      .default("never"),
    /** What a day with no new papers posts: a one-line note, or nothing. */
    emptyDay: z.enum(["note", "skip"]).default("note"),
    enabled: z.boolean().default(true),
  });
});

export type ChannelConfig = z.infer<ReturnType<typeof channelConfigSchema>>;

/** Whether a channel's digest runs on a given local weekday. */
export function runsOn(days: ChannelConfig["days"], weekday: Weekday): boolean {
  if (days === "daily") return true;
  if (days === "weekdays") return weekday !== "sat" && weekday !== "sun";
  return days.includes(weekday);
}

export { WEEKDAYS };
