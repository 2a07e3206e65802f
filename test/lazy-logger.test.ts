// The CLI's deferred logger writes what pino would, at the levels pino would, to the stream asked for.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const LAZY_LOGGER = pathToFileURL(join(import.meta.dirname, "../src/lazy-logger.ts")).href;

/** Runs `body` in a fresh node with `logger = deferredLogger(level, 2)`; returns its stderr lines as JSON. */
function logLines(level: string, body: string): Array<Record<string, unknown>> {
  const script = `
    const { deferredLogger } = await import(${JSON.stringify(LAZY_LOGGER)});
    const logger = deferredLogger(${JSON.stringify(level)}, 2);
    ${body}
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  expect(child.status, child.stderr).toBe(0);
  return child.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

describe("deferredLogger", () => {
  it("drops lines below its level and writes the rest as pino's JSON", { timeout: 60_000 }, () => {
    const lines = logLines(
      "warn",
      `logger.debug("hidden debug"); logger.info({ n: 1 }, "hidden info");
       logger.warn({ n: 2 }, "shown warning"); logger.info("hidden after pino loaded");
       logger.error(new Error("boom"), "shown error");`,
    );
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, "shown warning"],
      [50, "shown error"],
    ]);
    expect(lines[0]).toMatchObject({ app: "paperboy", n: 2 });
    expect(lines[1]).toMatchObject({ err: { type: "Error", message: "boom" } });
  });

  it("gives child loggers and the level as pino does", { timeout: 60_000 }, () => {
    const lines = logLines(
      "info",
      `const child = logger.child({ component: "test" });
       child.info("from the child"); logger.info({ level: logger.level }, "level");`,
    );
    expect(lines.map((line) => line.msg)).toEqual(["from the child", "level"]);
    expect(lines[0]).toMatchObject({ component: "test", level: 30 });
  });
});
