// Builds the pino logger; main.ts passes it down, tests pass a silent one.
import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level = "info"): Logger {
  return pino({ level, base: { app: "paperboy" } });
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
