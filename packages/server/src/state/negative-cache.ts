import { hashKey } from "../callers/key-hash.js";
import type { ResolveCaller } from "./resolve-caller.js";
import type { StateStore } from "./state-store.js";

/** Options of `withNegativeCache`. */
export interface NegativeCacheOptions {
  store: StateStore;
  /** How long a key the resolver called invalid is refused without asking again; default 60 s. */
  ttlMs?: number;
}

const INVALID_MESSAGE = "The API key is invalid, expired or revoked.";

/**
 * Remembers keys the wrapped resolver called invalid (by hash), so a repeated bad key costs no
 * upstream lookup. Only `invalid` is remembered: an upstream that was down must be asked again.
 * Memory is bounded by the store (the in-memory store caps each namespace; in Redis entries expire
 * after `ttlMs`, and the auth-failure limit caps how fast any client can add them).
 */
export function withNegativeCache(resolve: ResolveCaller, options: NegativeCacheOptions): ResolveCaller {
  const ttlMs = options.ttlMs ?? 60_000;
  return async (key, context) => {
    if (!key || ttlMs <= 0) return resolve(key, context);
    const slot = `invalid-key:${hashKey(key)}`;
    if ((await options.store.get(slot).catch(() => undefined)) !== undefined) {
      return { ok: false, reason: "invalid", message: INVALID_MESSAGE };
    }
    const resolution = await resolve(key, context);
    if (!resolution.ok && resolution.reason === "invalid") {
      await options.store.set(slot, "1", ttlMs).catch(() => undefined);
    }
    return resolution;
  };
}
