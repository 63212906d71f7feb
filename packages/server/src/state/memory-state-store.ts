import { createMemoryRateLimiter } from "@toolwright/core";
import type { StateStore } from "./state-store.js";

/** Bounds of the in-memory store; defaults keep a busy single process under a few MB. */
export interface MemoryStateStoreOptions {
  /** Cached values per namespace (the text before the first `:`); least recently used go first. Default 10 000. */
  maxEntriesPerNamespace?: number;
  /** Rolling-window buckets; least recently used go first. Default 10 000. */
  maxWindows?: number;
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

function namespaceOf(key: string): string {
  const colon = key.indexOf(":");
  return colon === -1 ? "" : key.slice(0, colon);
}

/**
 * The embedded default: everything in this process. Cached values are bounded per namespace, so a
 * flood of one kind (invalid keys) cannot push out another (valid callers). Claims are never evicted
 * before they expire, since forgetting one would let a token run twice; they are made only for
 * authenticated callers' tokens and expire with them.
 */
export function createMemoryStateStore(
  options: MemoryStateStoreOptions = {},
): StateStore & { entries(): number } {
  const clock = options.now ?? Date.now;
  const maxEntries = options.maxEntriesPerNamespace ?? 10_000;
  const namespaces = new Map<string, Map<string, Entry>>();
  const claims = new Map<string, number>();
  const windows = createMemoryRateLimiter({ now: clock, maxKeys: options.maxWindows ?? 10_000 });

  function live(key: string): Entry | undefined {
    const space = namespaces.get(namespaceOf(key));
    const entry = space?.get(key);
    if (!space || !entry) return undefined;
    space.delete(key);
    if (entry.expiresAt <= clock()) return undefined;
    space.set(key, entry);
    return entry;
  }

  function put(key: string, value: string, ttlMs: number): void {
    const name = namespaceOf(key);
    const space = namespaces.get(name) ?? new Map<string, Entry>();
    namespaces.set(name, space);
    space.delete(key);
    space.set(key, { value, expiresAt: clock() + ttlMs });
    for (const oldest of space.keys()) {
      if (space.size <= maxEntries) break;
      space.delete(oldest);
    }
  }

  return {
    kind: "memory",
    async setIfAbsent(key, ttlMs) {
      const now = clock();
      for (const [claimed, expiresAt] of claims) if (expiresAt <= now) claims.delete(claimed);
      if (claims.has(key)) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => put(key, value, ttlMs),
    async delete(key) {
      namespaces.get(namespaceOf(key))?.delete(key);
    },
    windowHit: (key, limit, windowMs) => windows.hit(key, limit, windowMs),
    windowCount: async (key, windowMs) => windows.count(key, windowMs),
    async close() {},
    entries: () => [...namespaces.values()].reduce((total, space) => total + space.size, claims.size),
  };
}
