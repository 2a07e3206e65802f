// Builds the pino logger; main.ts passes it down, tests pass a silent one.
import { createRequire } from "node:module";
import type { DestinationStream, Logger } from "pino";

export type { Logger };

/**
 * Codes of a paper source that could not be used (down, slow, rate-limiting): the weather, not a bug, and every
 * start without network meets one. Logged without stacks; anything else keeps its stack and its causes'.
 */
const REMOTE_WEATHER: ReadonlySet<string> = new Set([
  "source_unreachable",
  "source_timeout",
  "source_rate_limited",
]);

/**
 * What a log line says about an error: its type, message, code and stack (and its cause's), never its other
 * fields, which in HTTP libraries hold whole requests and responses.
 */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { message: typeof error === "string" ? error : String(error) };
  }
  const fields: Record<string, unknown> = { type: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") fields.code = code;
  if (typeof code === "string" && REMOTE_WEATHER.has(code)) {
    // Its reason and its cause's message say it all; the stacks ran to ≈2,000 characters a line.
    if (error.cause instanceof Error) fields.cause = error.cause.message;
    return fields;
  }
  if (error.stack) fields.stack = error.stack;
  if (error.cause !== undefined && depth < 3) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}

/** A JSON logger; `destination` 2 sends logs to stderr (the CLI keeps stdout for results), or a stream. */
export function createLogger(level = "info", destination: 1 | 2 | DestinationStream = 1): Logger {
  const pino = requirePino();
  return pino(
    { level, base: { app: "paperboy" }, serializers: { err: (error: unknown) => errorFields(error) } },
    typeof destination === "number" ? pino.destination(destination) : destination,
  );
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return requirePino()({ level: "silent" });
}

/** pino (CommonJS) loaded by the first logger built, so a module that only imports this file does not pay ≈25 ms. */
function requirePino(): typeof import("pino")["pino"] {
  return (createRequire(import.meta.url)("pino") as typeof import("pino")).pino;
}
