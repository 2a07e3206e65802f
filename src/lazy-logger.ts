// A logger for one-shot commands that loads pino (≈25 ms) only when a line is logged at an enabled level.
import { createLogger, type Logger } from "./logger.ts";

/** pino's numeric levels: a call below the configured one is dropped without building pino. */
const LEVEL_VALUES: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/**
 * Same as `createLogger(level, destination)`, built on first real use: calling a level method below `level`
 * does nothing, as it would on pino; anything else (an enabled line, `child`, `level`, …) builds pino and
 * goes to it.
 */
export function deferredLogger(level: string, destination: 1 | 2): Logger {
  // A name pino does not know fails now, at start, as it does with createLogger.
  if (LEVEL_VALUES[level] === undefined && level !== "silent") return createLogger(level, destination);
  let real: Logger | undefined;
  const logger = () => {
    real ??= createLogger(level, destination);
    return real;
  };
  const threshold = LEVEL_VALUES[level] ?? Number.POSITIVE_INFINITY;
  const dropped = () => {};
  return new Proxy({} as Logger, {
    get(_target, property) {
      const value = LEVEL_VALUES[property as string];
      if (!real && value !== undefined && value < threshold) return dropped;
      const target = logger();
      const member = Reflect.get(target, property, target);
      return typeof member === "function" ? member.bind(target) : member;
    },
    set(_target, property, value) {
      return Reflect.set(logger(), property, value);
    },
    has(_target, property) {
      return Reflect.has(logger(), property);
    },
  });
}
