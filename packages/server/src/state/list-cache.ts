import type { StateStore } from "./state-store.js";

/** A typed cache slot in the state store (e.g. an advertised tool list), shared by replicas. */
export interface ListCache<T> {
  /** The cached value, or undefined when absent, expired or the store cannot be reached. */
  get(key: string): Promise<T | undefined>;
  /** Stores a value (JSON) for the slot's TTL; a store that cannot be reached is ignored. */
  set(key: string, value: T): Promise<void>;
}

/** A cache slot under `list:<namespace>:`; values are JSON-serialised. */
export function createListCache<T>(
  store: StateStore,
  options: { namespace: string; ttlMs: number },
): ListCache<T> {
  const slot = (key: string) => `list:${options.namespace}:${key}`;
  return {
    async get(key) {
      const text = await store.get(slot(key)).catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    async set(key, value) {
      await store.set(slot(key), JSON.stringify(value), options.ttlMs).catch(() => undefined);
    },
  };
}
