// Builds the pino logger; main.ts passes it down, tests pass a silent one.
import { type Logger, pino } from "pino";

export type { Logger };

/** A JSON logger; `destination` 2 sends logs to stderr (the CLI keeps stdout for results). */
export function createLogger(level = "info", destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { app: "paperboy" } }, pino.destination(destination));
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
