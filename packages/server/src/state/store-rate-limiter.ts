import { isToolwrightError, type RateLimiter } from "@toolwright/core";
import type { Logger } from "../calls/runtime.js";
import { serverError } from "../server-error.js";
import type { StateStore } from "./state-store.js";

/** What a rate limit does when the state store cannot be reached. */
export type RateLimitFailureMode = "open" | "closed";

/**
 * `rate_limit` guards' counters in the state store. When the store cannot be reached, `closed`
 * (the default) refuses the call with a message saying so; `open` lets it through and logs.
 */
export function storeRateLimiter(
  store: StateStore,
  options: { failureMode?: RateLimitFailureMode; logger?: Logger } = {},
): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      try {
        return await store.windowHit(`rate:${key}`, limit, windowMs);
      } catch (error) {
        if (!isToolwrightError(error) || error.code !== "state_unavailable") throw error;
        if (options.failureMode === "open") {
          options.logger?.warn(`rate limit '${key}' not enforced (fail open): ${error.message}`);
          return { allowed: true, remaining: 0 };
        }
        throw serverError(
          "state_unavailable",
          "the rate-limit store could not be reached; retry in a few seconds",
          { cause: error },
        );
      }
    },
  };
}
