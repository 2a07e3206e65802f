// Reads `.env` (when there is one) into the environment; variables already set in the shell win.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";

/**
 * Copies the variables of `<cwd>/.env` into `env` (default: process.env) unless `env` already has
 * them, so `FOO=x npm start` beats the file. Returns the names it set; a missing file sets none.
 * Called by the program entries (main.ts, cli.ts) before `loadConfig`, which itself reads only `env`.
 */
export function loadEnvFile(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): string[] {
  const path = resolve(cwd, ".env");
  if (!existsSync(path)) return [];
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, "utf8")))) {
    if (value === undefined || env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
