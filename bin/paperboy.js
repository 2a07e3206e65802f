#!/usr/bin/env node
// The `paperboy` command: runs the compiled CLI (dist/cli.js). In a checkout whose src/ changed since the
// last `npm run build`, it runs the TypeScript sources through tsx instead, so it never runs stale code.
import { existsSync } from "node:fs";
import module from "node:module";
import { fileURLToPath } from "node:url";

// Node 22.1+ keeps the compiled code of the modules between runs (in the OS temp dir); Node 20 has no such cache.
module.enableCompileCache?.();

const root = new URL("../", import.meta.url);
const compiled = new URL("dist/cli.js", root);
// Only a checkout has src/; an installed package or the image has dist/ alone and skips the check.
const hasSources = existsSync(new URL("src/", root));
const fresh =
  existsSync(compiled) &&
  (!hasSources ||
    (await import("../scripts/dist-freshness.mjs")).distFreshness(fileURLToPath(root)) === "fresh");

if (fresh) await import(compiled.href);
else if (hasSources) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
} else {
  process.stderr.write("paperboy: dist/ is missing; run `npm run build` in the package folder.\n");
  process.exitCode = 1;
}
