import type { ListCache } from "../listing/list-cache.js";
import type { StateStore } from "./state-store.js";

/**
 * A list cache kept in the state store under `list:<namespace>:` (values JSON-serialised), for lists
 * replicas should share; pass it as `toolsListCache`. A store that cannot be reached reads as a miss.
 */
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
