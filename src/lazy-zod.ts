// zod loaded on first use: it takes ≈100 ms to load, and a local search or `--help` validates nothing with it.
import { createRequire } from "node:module";

type Zod = typeof import("zod")["z"];

let zod: Zod | undefined;

/** zod's CommonJS build, required synchronously the first time a schema is needed. */
function requireZod(): Zod {
  zod ??= (createRequire(import.meta.url)("zod") as typeof import("zod")).z;
  return zod;
}

/** A schema (or a set of schemas) built by `build` on the first call, then the same one on every call. */
export function lazySchema<T>(build: (z: Zod) => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build(requireZod());
    return built;
  };
}
