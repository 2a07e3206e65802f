// What startBot gives its caller (the running bot: its services, features and stop) and the knobs tests turn.
import type { Services } from "./compose.ts";
import type { SlackStandIn } from "./playground/slack-stand-in.ts";
import type { JournalClubFeature } from "./slack/journal-club/jc-feature.ts";
import type { WeeklyFeature } from "./slack/weekly/weekly-feature.ts";

export interface RunningBot {
  url: string;
  /** Where /metrics is served when METRICS_PORT gives it its own port. */
  metricsUrl?: string;
  /** The services the bot runs on (tests seed the index and inspect the store through them). */
  services: Services;
  /** The weekly roundup: its scheduler (tests tick it), settings and activity ledger. */
  weekly: WeeklyFeature;
  playground?: SlackStandIn;
  /** The journal club (tests tick its scheduler at the times they choose). */
  journalClub: JournalClubFeature;
  /** Playground only: ingests papers, posts the first digest and starts the schedule (`say` reports progress). */
  fillPlayground?: (say: (line: string) => void) => Promise<unknown>;
  stop(): Promise<void>;
}

/** Knobs tests turn: Slack Web API retries and timeout (tests want none and a short one). */
export interface BotOverrides {
  slackRetries?: number;
  slackTimeoutMs?: number;
  llmActionsPerUserPerHour?: number;
  /** Slack requests worked on at once, and how long one more waits for a slot (see src/slack/app.ts). */
  workLimit?: { maxActive: number; waitMs: number };
  /** The clock of the journal club, activity counts and the weekly roundup (tests move it). Default the real one. */
  now?: () => Date;
}
