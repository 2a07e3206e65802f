// Entry of a search worker: registers tsx, then runs the TypeScript worker (search-worker.ts).
// Plain JavaScript because Node 20 does not pass a worker's first module through the loaders its
// execArgv names (`--import tsx` gives "Unknown file extension .ts"); modules imported later do.
import { register } from "tsx/esm/api";

register();
await import("./search-worker.ts");
