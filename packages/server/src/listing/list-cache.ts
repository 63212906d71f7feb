/**
 * Where advertised tool lists are kept between requests. The in-process default is bounded; a
 * shared store (e.g. Redis, holding the lists as JSON) can stand in for it behind the same two
 * methods, which may answer asynchronously.
 */
export interface ListCache<Value> {
  get(key: string): Value | undefined | Promise<Value | undefined>;
  set(key: string, value: Value): void | Promise<void>;
}

/** A least-recently-used cache of at most `maxEntries` lists (default 1 000). */
export function createMemoryListCache<Value>(maxEntries = 1_000): ListCache<Value> {
  const entries = new Map<string, Value>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      // Re-inserting moves the key to the end: Map order is the recency order.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
