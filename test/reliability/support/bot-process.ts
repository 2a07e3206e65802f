// The real bot (`src/main.ts`) in its own process, as `npm start` runs it, for the reliability suite: RSS, kill, restart.
import { type BotChild, startBotChild } from "../../support/bot-child.ts";

/** The bot child with its memory probe: `memoryAfterGc`, `rssBytes`, `kill` (SIGKILL), `stop` (SIGTERM). */
export type BotProcess = BotChild;

/** Starts the bot in HTTP mode with `env` on top of safe defaults; resolves once /healthz answers. */
export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  return startBotChild({
    env: { PAPERBOY_REMOTE_TIMEOUT_MS: "300", ...env },
    probe: true,
    healthTimeoutMs: 90_000,
  });
}
