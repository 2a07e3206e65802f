// `npm run build`: bundles src/ into dist/ with esbuild (scripts/bundle.mjs) and copies the files that are not
// TypeScript (worker entries, pages, data) to their places under dist/. Types are checked by `npm test` (tsc).
// `--if-stale` builds only when dist/ is missing or older than src/ (npm start, prepare); `--if-possible` skips,
// with a note, where there is nothing to build with (a production install without esbuild: npm prepare).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.mjs";
import { BUILD_STAMP, distFreshness } from "./dist-freshness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ifStale = process.argv.includes("--if-stale");
const ifPossible = process.argv.includes("--if-possible");

const freshness = distFreshness(root);
if (freshness === "no-sources") {
  // An installed package or the image: dist/ came with it, there is nothing to compile.
  if (!ifStale && !ifPossible) fail("there is no src/ folder to build from.");
  process.exit(0);
}
if (ifStale && freshness === "fresh") process.exit(0);

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  if (ifPossible || (ifStale && existsSync(join(root, "dist", "main.js")))) {
    process.stderr.write(
      "paperboy: esbuild is not installed (production install?), dist/ was not rebuilt.\n",
    );
    process.exit(0);
  }
  fail("esbuild is not installed: run `npm install` (with dev dependencies) first.");
}

const started = performance.now();
const sourcesReadAt = new Date();
process.stderr.write("paperboy: building dist/ from src/…\n");
const dist = join(root, "dist");
// A clean build: files of deleted sources must not linger in dist/.
rmSync(dist, { recursive: true, force: true });
let outputs;
try {
  outputs = await bundle(esbuild, root);
} catch (error) {
  rmSync(dist, { recursive: true, force: true });
  fail(`esbuild reported errors; dist/ was not built.${error?.errors ? "" : ` ${error}`}`);
}
const copied = copyNonTypeScript(join(root, "src"), dist);
// Stamped with the time the build began, so a source saved while esbuild ran still counts as newer.
writeFileSync(join(root, BUILD_STAMP), `${sourcesReadAt.toISOString()}\n`);
utimesSync(join(root, BUILD_STAMP), sourcesReadAt, sourcesReadAt);
process.stderr.write(
  `paperboy: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s (${outputs} bundled files, ${copied} other files copied).\n`,
);

/** Copies what the runtime reads beside the modules (`.mjs` worker entries, pages, styles, data) into dist/. */
function copyNonTypeScript(from, to) {
  let count = 0;
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith(".ts")) continue;
    const source = join(entry.parentPath, entry.name);
    const target = join(to, relative(from, source));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
    count++;
  }
  return count;
}

function fail(message) {
  process.stderr.write(`paperboy build: ${message}\n`);
  process.exit(1);
}
