// Entry of a search worker. Built (dist/), it runs the compiled search-worker.js beside it; in the sources
// (src/), it registers tsx first and runs search-worker.ts. Plain JavaScript because Node 20 does not pass a
// worker's first module through the loaders its execArgv names (`--import tsx` gives "Unknown file extension .ts").
import { existsSync } from "node:fs";

const compiled = new URL("./search-worker.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./search-worker.ts");
}
