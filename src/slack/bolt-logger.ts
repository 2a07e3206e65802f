// Adapts the pino logger to the @slack/logger interface Bolt expects, so Bolt logs through ours.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.ts";

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  const join = (parts: unknown[]) =>
    parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
