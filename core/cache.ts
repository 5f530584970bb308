// A bounded memo for promises, such as imported keys: at most `size` entries,
// the oldest dropped first; a rejected promise is forgotten.

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
