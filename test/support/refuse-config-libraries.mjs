// A module-resolution hook for child processes: importing zod or yaml (ESM) fails, naming which.
export async function resolve(specifier, context, next) {
  if (/^(zod|yaml)(\/|$)/.test(specifier)) throw new Error(`imported ${specifier}`);
  return next(specifier, context);
}
