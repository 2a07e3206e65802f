// Adapts the pino logger to the @slack/logger interface Bolt expects, so Bolt logs through ours.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.ts";

// A log line stays a line: Bolt passes whole objects (requests, responses) that would otherwise fill pages.
const MAX_PART_CHARS = 500;

/** Bolt's log arguments as pino's (fields, message): an Error goes to `err`, anything else is shown short. */
export function boltLogArguments(parts: unknown[]): [{ err?: unknown }, string] {
  let err: unknown;
  const text: string[] = [];
  for (const part of parts) {
    if (part instanceof Error) {
      err ??= part;
      text.push(part.message);
    } else {
      text.push(shortText(part));
    }
  }
  return [err === undefined ? {} : { err }, text.join(" ")];
}

function shortText(part: unknown): string {
  if (typeof part === "string") return part.slice(0, MAX_PART_CHARS);
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text =
      JSON.stringify(part, (_key, value: unknown) => {
        if (typeof value === "bigint") return value.toString();
        if (typeof value !== "object" || value === null) return value;
        if (seen.has(value)) return "[Circular]";
        seen.add(value);
        return value;
      }) ?? String(part);
  } catch {
    text = Object.prototype.toString.call(part);
  }
  return text.length > MAX_PART_CHARS ? `${text.slice(0, MAX_PART_CHARS)}…` : text;
}

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(...boltLogArguments(msg)),
    info: (...msg) => child.info(...boltLogArguments(msg)),
    warn: (...msg) => child.warn(...boltLogArguments(msg)),
    error: (...msg) => child.error(...boltLogArguments(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
