// Runs work for one key at a time in this process, in call order; a key with nothing queued holds no memory.

/** Runs `work` after every earlier call's work for `key` has settled (resolved or failed). */
export type KeyedQueue = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).then(work, work);
    const tail = next.catch(() => {});
    tails.set(key, tail);
    // The last in line clears the key, so the map holds only keys with work in progress.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
