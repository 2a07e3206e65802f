// The real bot (`src/main.ts`) in its own process, as `npm start` runs it, for the reliability suite: RSS, kill, restart.
import { readFileSync } from "node:fs";
import {
  type BotChild,
  type BotChildOptions,
  type MemorySettle,
  startBotChild,
} from "../../support/bot-child.ts";

/** What the bot needs of a Slack workspace (a SlackStandIn has all three). */
type SlackCredentials = NonNullable<BotChildOptions["slack"]>;

/** The bot child with its memory probe: `memoryAfterGc`, `rssBytes`, `kill` (SIGKILL), `stop` (SIGTERM). */
export type BotProcess = BotChild;

// The V8 sizing flags `npm start` gives node (--max-semi-space-size=4), so memory is measured on the bot that
// ships: without them V8 kept 65–68 MB reserved for the heap under this suite's traffic instead of 41–45 MB.
const START_SCRIPT = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  }
).scripts.start;
export const START_V8_FLAGS = START_SCRIPT.split(/\s+/).filter((arg) => /^--max-[a-z-]+-size=/.test(arg));

/**
 * How the suite reads RSS: 250 ms after the probe's collections (V8's GC helper threads hand memory back within
 * ≈50 ms of them; see the probe), as the median of 5 readings 100 ms apart.
 */
export const SETTLED: MemorySettle = { settleMs: 250, samples: 5, intervalMs: 100 };

/**
 * Starts the bot in HTTP mode against the Slack stand-in `slack` (its token, signing secret and API URL), with
 * `env` on top of safe defaults; resolves once /healthz answers.
 */
export function startBotProcess(slack: SlackCredentials, env: Record<string, string>): Promise<BotProcess> {
  return startBotChild({
    slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, apiUrl: slack.apiUrl },
    env: { PAPERBOY_REMOTE_TIMEOUT_MS: "300", ...env },
    probe: true,
    nodeArgs: START_V8_FLAGS,
    healthTimeoutMs: 90_000,
  });
}
