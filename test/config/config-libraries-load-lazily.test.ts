// Without a config file, loading the config never loads zod or yaml (≈150 ms of every command's start-up).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const LOAD_CONFIG = pathToFileURL(join(import.meta.dirname, "../../src/config/load-config.ts")).href;
const REFUSE = pathToFileURL(join(import.meta.dirname, "../support/refuse-config-libraries.mjs")).href;

/**
 * Loads the config in a fresh `node` run from `cwd`, with importing zod or yaml made an error (ESM), and
 * prints which of them were require()d (CommonJS); returns that list, or the child's error.
 */
function librariesLoaded(cwd: string): { loaded?: string[]; error?: string } {
  const script = `
    import { createRequire, register } from "node:module";
    register(${JSON.stringify(REFUSE)});
    const { loadConfig } = await import(${JSON.stringify(LOAD_CONFIG)});
    loadConfig({}, ${JSON.stringify(cwd)});
    const cached = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(["zod", "yaml"].filter((name) => cached.some((path) => path.includes(\`/node_modules/\${name}/\`)))));
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  if (child.status !== 0) return { error: child.stderr };
  return { loaded: JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "null") };
}

describe("the config file's libraries", () => {
  it("are not loaded when there is no config file", { timeout: 60_000 }, () => {
    expect(librariesLoaded(mkdtempSync(join(tmpdir(), "paperboy-no-config-")))).toEqual({ loaded: [] });
  });

  it("are loaded to read a config file that exists", { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-with-config-"));
    writeFileSync(join(dir, "paperboy.config.yaml"), "digest:\n  graceHours: 3\n");
    expect(librariesLoaded(dir)).toEqual({ loaded: ["zod", "yaml"] });
  });
});
