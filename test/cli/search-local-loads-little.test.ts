// `paperboy search --local` loads the index and the search, not the sources, summaries, discussions or state.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const HOOK = pathToFileURL(join(ROOT, "test/support/record-modules.mjs")).href;
const work = mkdtempSync(join(tmpdir(), "paperboy-search-modules-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `paperboy ARGS` from the TypeScript sources; returns its output and the src/ modules it loaded. */
function paperboyModules(...args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const record = join(work, `modules-${args[0]}.txt`);
  const child = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(HOOK)})`,
      "src/cli.ts",
      ...args,
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RECORD_MODULES: record,
        PAPERBOY_DATA_DIR: join(work, "data"),
        HF_API_URL: "http://127.0.0.1:9",
        ARXIV_API_URL: "http://127.0.0.1:9/api/query",
      },
    },
  );
  const src = pathToFileURL(join(ROOT, "src")).href;
  const modules = readFileSync(record, "utf8")
    .split("\n")
    .filter((url) => url.startsWith(src))
    .map((url) => url.slice(src.length + 1));
  return { status: child.status, stdout: child.stdout, modules: [...new Set(modules)] };
}

describe("paperboy search --local", () => {
  it("answers without loading the sources, summaries, discussions, reading lists or the state store", {
    timeout: 60_000,
  }, () => {
    const { status, stdout, modules } = paperboyModules("search", "--local", "regularization");
    expect(status).toBe(0);
    expect(stdout).toContain('No papers match "regularization"');
    expect(modules).toContain("papers/paper-index.ts");
    const needless = modules.filter((path) =>
      /^(discussion|reading-list)\/|^summaries\/summarizer|^papers\/sources\/(hf|arxiv-api|arxiv-feed)\.ts|^state\/state-store/.test(
        path,
      ),
    );
    expect(needless).toEqual([]);
  });

  it("loads the sources' clients when it asks them (without --local)", { timeout: 60_000 }, () => {
    const { status, modules } = paperboyModules("search", "regularization");
    expect(status).toBe(0);
    expect(modules).toEqual(expect.arrayContaining(["papers/sources/hf.ts", "papers/sources/arxiv-api.ts"]));
  });
});
