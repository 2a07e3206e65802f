// Whether dist/ was built from the sources as they are now: a checkout's `paperboy` and `npm start` ask this.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Written last by a successful build; its mtime is when the build read the sources. */
export const BUILD_STAMP = "dist/.build-stamp";

/**
 * "fresh", "stale" (a file under src/ or a tsconfig is newer than the last build, or there was no
 * build) or "no-sources" (an installed package or an image: dist/ is all there is). About 200
 * stat calls: under a few milliseconds.
 */
export function distFreshness(root) {
  const src = join(root, "src");
  if (!existsSync(src)) return "no-sources";
  const stampMs = mtimeMs(join(root, BUILD_STAMP));
  if (stampMs === undefined) return "stale";
  const inputs = [join(root, "tsconfig.json"), join(root, "tsconfig.build.json")];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) inputs.push(join(entry.parentPath, entry.name));
  }
  return inputs.some((file) => (mtimeMs(file) ?? 0) > stampMs) ? "stale" : "fresh";
}

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
