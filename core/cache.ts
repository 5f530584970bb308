// Bounded memos, such as for imported keys: at most `size` entries, the
// oldest dropped first; a rejected promise, or a value whose making threw,
// is not kept.

/** Returns a memo: `memo(key, make)` is `make()`'s promise, computed once. */
export function boundedCache<K, V>(
  size = 64,
): (key: K, make: () => Promise<V>) => Promise<V> {
  const entries = new Map<K, Promise<V>>();
  return (key, make) => {
    let value = entries.get(key);
    if (value === undefined) {
      if (entries.size >= size) {
        entries.delete(entries.keys().next().value as K);
      }
      value = make();
      entries.set(key, value);
      value.catch(() => entries.delete(key));
    }
    return value;
  };
}

/** Returns a synchronous memo: `memo(key, make)` is `make()`, computed once. */
export function boundedMemo<K, V>(
  size = 64,
): (key: K, make: () => V) => V {
  const entries = new Map<K, V>();
  return (key, make) => {
    let value = entries.get(key);
    if (value === undefined) {
      value = make(); // a throw leaves nothing behind
      if (entries.size >= size) {
        entries.delete(entries.keys().next().value as K);
      }
      entries.set(key, value);
    }
    return value;
  };
}
