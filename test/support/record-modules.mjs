// A module-resolution hook for child processes: appends every module URL resolved to the file RECORD_MODULES names.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.RECORD_MODULES) appendFileSync(process.env.RECORD_MODULES, `${resolved.url}\n`);
  return resolved;
}
