// `npm start` preloads scripts/fresh-dist.mjs: a checkout whose sources changed is rebuilt before dist/ is loaded.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPTS = fileURLToPath(new URL("../../scripts/", import.meta.url));
const roots: string[] = [];

/**
 * A checkout with the real preload and freshness check, a stand-in build (it records that it ran and writes
 * dist/main.js anew) and a dist/main.js that prints which build it is. The source is saved at `sourceAt`.
 */
function checkout(sourceAt: Date, builtAt: Date): string {
  const root = mkdtempSync(join(tmpdir(), "paperboy-fresh-dist-"));
  roots.push(root);
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "src"));
  mkdirSync(join(root, "dist"));
  for (const file of ["fresh-dist.mjs", "dist-freshness.mjs"])
    copyFileSync(join(SCRIPTS, file), join(root, "scripts", file));
  writeFileSync(
    join(root, "scripts", "build.mjs"),
    `import { writeFileSync } from "node:fs";
     writeFileSync(new URL("../dist/main.js", import.meta.url), 'console.log("the new build");');
     writeFileSync(new URL("../dist/.build-stamp", import.meta.url), "");`,
  );
  writeFileSync(join(root, "dist", "main.js"), 'console.log("the old build");');
  writeFileSync(join(root, "dist", ".build-stamp"), "");
  utimesSync(join(root, "dist", ".build-stamp"), builtAt, builtAt);
  writeFileSync(join(root, "src", "main.ts"), "export {};\n");
  utimesSync(join(root, "src", "main.ts"), sourceAt, sourceAt);
  return root;
}

/** What `node --import=./scripts/fresh-dist.mjs dist/main.js` prints, run as `npm start` runs it. */
function start(root: string): string {
  return execFileSync(process.execPath, ["--import=./scripts/fresh-dist.mjs", "dist/main.js"], {
    cwd: root,
    encoding: "utf8",
  }).trim();
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("npm start's freshness preload", () => {
  const earlier = new Date("2026-12-01T10:00:00Z");
  const later = new Date("2026-12-01T11:00:00Z");

  it("builds dist/ before loading it when a source was saved after the last build", () => {
    expect(start(checkout(later, earlier))).toBe("the new build");
  });

  it("starts the build there is when it matches the sources", () => {
    expect(start(checkout(earlier, later))).toBe("the old build");
  });
});
