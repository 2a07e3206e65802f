// Get-or-create on a Map, WeakMap or LRUCache in one call (the TC39 proposal's `getOrInsertComputed`).

/** What `getOrInsert` needs of a keyed collection. */
export interface KeyedCollection<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value stored under `key`, or the one `create` makes for it, stored first. */
export function getOrInsert<K, V>(
  collection: KeyedCollection<K, NoInfer<V>>,
  key: K,
  create: (key: K) => V,
): V {
  const found = collection.get(key);
  if (found !== undefined) return found;
  const created = create(key);
  collection.set(key, created);
  return created;
}
