// Preloaded by `npm start` (`node --import=./scripts/fresh-dist.mjs dist/main.js`): in a checkout whose src/ changed
// since the last build, builds dist/ before Node loads it. One process instead of npm's `prestart` (a second node).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { distFreshness } from "./dist-freshness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// "no-sources" (an installed package): dist/ is all there is; "fresh": nothing to do (≈200 stat calls).
if (distFreshness(root) === "stale") {
  const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs"), "--if-stale"], {
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
