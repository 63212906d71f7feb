import type { ResolveCaller } from "./resolve-caller.js";
import type { StateStore } from "./state-store.js";

/** Options of `withAuthFailureLimit`. */
export interface AuthFailureLimitOptions {
  store: StateStore;
  /** Failed authentications per client allowed in the window; default 20. */
  limit?: number;
  /** Default 60 s. */
  windowMs?: number;
}

/**
 * Caps failed authentications per client address: past the limit, a client's keys are refused
 * (`throttled`, with when to retry) without asking the wrapped resolver, so guessing keys costs the
 * upstream nothing. Put it inside the caller cache: keys already known to be valid keep working for
 * everyone behind the same address. A store that cannot be reached lets the attempt through.
 */
export function withAuthFailureLimit(
  resolve: ResolveCaller,
  options: AuthFailureLimitOptions,
): ResolveCaller {
  const limit = options.limit ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  return async (key, context) => {
    const client = context?.client;
    if (!key || !client) return resolve(key, context);
    const slot = `auth-failures:${client}`;
    const failures = await options.store.windowCount(slot, windowMs).catch(() => 0);
    if (failures >= limit) {
      const retryAfterMs = await retryAfter(options.store, slot, limit, windowMs);
      const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      return {
        ok: false,
        reason: "throttled",
        retryAfterMs,
        message: `Too many failed authentications from this client (${limit} per ${windowMs / 1000} s). Retry in ${seconds} s with a valid key.`,
      };
    }
    const resolution = await resolve(key, context);
    if (!resolution.ok && resolution.reason === "invalid") {
      await options.store.windowHit(slot, limit, windowMs).catch(() => undefined);
    }
    return resolution;
  };
}

/** When the oldest failure leaves the window: a refused hit reports it without counting. */
async function retryAfter(store: StateStore, slot: string, limit: number, windowMs: number): Promise<number> {
  const decision = await store.windowHit(slot, limit, windowMs).catch(() => null);
  return decision && !decision.allowed ? decision.retryAfterMs : windowMs;
}
