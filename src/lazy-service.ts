// A service whose module is imported and whose object is built on its first call, so a command that never uses it
// (a `paperboy search --local`) does not pay for loading it.

/** The keys of T whose values are functions returning a promise: those a facade can forward after loading. */
type AsyncKeys<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T];

/**
 * Builds T by `load()` on the first call of any of its async methods. `methods` must name every async method
 * (the compiler checks the record is complete, so a method added to T later is not silently left out);
 * `rest(loaded)` gives T's other members, which must answer without loading (e.g. zero counts until then).
 * A failed load is not kept: the next call tries again.
 */
export function lazyService<T extends object>(
  load: () => Promise<T>,
  methods: Record<AsyncKeys<T>, true>,
  rest: (loaded: () => T | undefined) => Omit<T, AsyncKeys<T>>,
): T {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  const get = () => {
    loading ??= load().then(
      (service) => {
        loaded = service;
        return service;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const facade: Record<string, unknown> = { ...rest(() => loaded) };
  for (const name of Object.keys(methods)) {
    facade[name] = async (...args: unknown[]) => {
      const service = (await get()) as Record<string, (...args: unknown[]) => Promise<unknown>>;
      return service[name]?.(...args);
    };
  }
  return facade as T;
}
