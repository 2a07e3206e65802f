// `npm run build` bundles src/ with esbuild: the bundle runs with no src/ beside it (an installed package, the
// image) and its modules still find the files they read beside themselves (term vectors, prompts, workers).
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../", import.meta.url));
let root = "";
let data = "";

/** `paperboy ARGS` in the built copy, on its own data directory, with every source at a closed port. */
function paperboy(...args: string[]) {
  return run(process.execPath, ["bin/paperboy.js", ...args], {
    cwd: root,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      PAPERBOY_DATA_DIR: data,
      LOG_LEVEL: "warn",
      HF_API_URL: "http://127.0.0.1:9",
      ARXIV_API_URL: "http://127.0.0.1:9/api/query",
    },
  });
}

beforeAll(async () => {
  // A copy of the checkout (node_modules linked), built there, then stripped of its sources.
  root = mkdtempSync(join(tmpdir(), "paperboy-bundle-"));
  data = join(root, "data");
  for (const entry of [
    "src",
    "scripts",
    "bin",
    "prompts",
    "package.json",
    "tsconfig.json",
    "tsconfig.build.json",
  ])
    cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  await run(process.execPath, ["scripts/build.mjs"], { cwd: root });
  rmSync(join(root, "src"), { recursive: true });
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the bundled dist/", () => {
  it("holds the programs as a few bundled files, not one file per source module", () => {
    const scripts = readdirSync(join(root, "dist"), { recursive: true }).filter((f) =>
      /\.m?js$/.test(String(f)),
    );
    const sources = readdirSync(join(REPO, "src"), { recursive: true }).filter((f) =>
      String(f).endsWith(".ts"),
    );
    expect(existsSync(join(root, "dist", "main.js"))).toBe(true);
    expect(scripts.length).toBeLessThan(sources.length / 2);
  });

  it("runs `paperboy --help` with no src/ beside it", async () => {
    const { stdout } = await paperboy("--help");
    expect(stdout).toMatch(/^Usage: paperboy <command>/);
  });

  it("ingests with the shipped term vectors and searches, reading its data files from dist/", async () => {
    const ingested = await paperboy(
      "ingest",
      "--file",
      join(REPO, "test", "fixtures", "hf-daily-papers.json"),
    );
    expect(ingested.stdout).toMatch(/: 1 new,/);
    // Embedded with the term vectors read from dist/papers/embeddings/term-vectors/.
    const db = new Database(join(data, "papers.db"), { readonly: true });
    const vectors = db.prepare("SELECT count(*) AS n FROM paper_vectors").get() as { n: number };
    db.close();
    expect(vectors.n).toBe(1);
    const { stdout } = await paperboy("search", "--local", "--json", "scientific coding benchmark");
    expect(JSON.parse(stdout).map((hit: { id: string }) => hit.id)).toContain("2407.13168");
  });
}, 60_000);
