import { hashKey } from "../callers/key-hash.js";
import type { Logger } from "../calls/runtime.js";
import type { CallerInfo } from "../catalog/tool-context.js";
import type { ResolveCaller } from "./resolve-caller.js";
import type { StateStore } from "./state-store.js";

/** Options of `withCallerCache`. */
export interface CallerCacheOptions {
  store: StateStore;
  /** How long a resolved caller is trusted before the resolver is asked again; default 30 s. */
  ttlMs?: number;
  logger?: Logger;
}

/**
 * Caches resolved callers in the state store under the SHA-256 of their key (never the key), so
 * every replica benefits from one introspection. A store that cannot be reached is a cache miss:
 * the wrapped resolver stays the authority.
 */
export function withCallerCache(resolve: ResolveCaller, options: CallerCacheOptions): ResolveCaller {
  const ttlMs = options.ttlMs ?? 30_000;
  return async (key, context) => {
    if (!key || ttlMs <= 0) return resolve(key, context);
    const slot = `caller:${hashKey(key)}`;
    const cached = await options.store.get(slot).catch(() => undefined);
    if (cached !== undefined) return { ok: true, caller: { key, info: JSON.parse(cached) as CallerInfo } };
    const resolution = await resolve(key, context);
    if (resolution.ok) {
      await options.store.set(slot, JSON.stringify(resolution.caller.info), ttlMs).catch((error: unknown) => {
        options.logger?.warn(`caller cache: could not store a caller (${String(error)})`);
      });
    }
    return resolution;
  };
}
