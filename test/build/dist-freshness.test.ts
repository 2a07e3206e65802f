// The compiled build is used only while it matches the sources: `paperboy` and `npm start` never run stale code.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const FRESHNESS = fileURLToPath(new URL("../../scripts/dist-freshness.mjs", import.meta.url));
const roots: string[] = [];

/** What scripts/dist-freshness.mjs says of `root`, asked the way bin/paperboy.js asks it. */
function freshness(root: string): string {
  const script = `import(${JSON.stringify(FRESHNESS)}).then((m) => process.stdout.write(m.distFreshness(${JSON.stringify(root)})))`;
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
}

/** A checkout with one source file, and (when `builtAt` is given) a build stamped at that time. */
function checkout(options: { sourceAt: Date; builtAt?: Date }): string {
  const root = mkdtempSync(join(tmpdir(), "paperboy-freshness-"));
  roots.push(root);
  mkdirSync(join(root, "src", "papers"), { recursive: true });
  const source = join(root, "src", "papers", "paper.ts");
  writeFileSync(source, "export {};\n");
  utimesSync(source, options.sourceAt, options.sourceAt);
  if (options.builtAt) {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", ".build-stamp"), "");
    utimesSync(join(root, "dist", ".build-stamp"), options.builtAt, options.builtAt);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("whether dist/ may be run", () => {
  const earlier = new Date("2026-12-01T10:00:00Z");
  const later = new Date("2026-12-01T11:00:00Z");

  it("is stale when there has been no build", () => {
    expect(freshness(checkout({ sourceAt: earlier }))).toBe("stale");
  });

  it("is fresh when the build is newer than every source", () => {
    expect(freshness(checkout({ sourceAt: earlier, builtAt: later }))).toBe("fresh");
  });

  it("is stale as soon as a source, however deep, is saved after the build", () => {
    expect(freshness(checkout({ sourceAt: later, builtAt: earlier }))).toBe("stale");
  });

  it("is stale when a tsconfig changed after the build", () => {
    const root = checkout({ sourceAt: earlier, builtAt: earlier });
    writeFileSync(join(root, "tsconfig.json"), "{}");
    utimesSync(join(root, "tsconfig.json"), later, later);
    expect(freshness(root)).toBe("stale");
  });

  it("has nothing to compare in an installed package or the image, which carry dist/ without src/", () => {
    const root = checkout({ sourceAt: earlier, builtAt: later });
    rmSync(join(root, "src"), { recursive: true });
    expect(freshness(root)).toBe("no-sources");
  });
});
