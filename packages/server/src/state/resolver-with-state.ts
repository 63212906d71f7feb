import type { Runtime } from "../calls/runtime.js";
import type { ToolwrightServerOptions } from "../server-options.js";
import { withAuthFailureLimit } from "./auth-failure-limit.js";
import { withCallerCache } from "./caller-cache.js";
import { withNegativeCache } from "./negative-cache.js";
import type { ResolveCaller } from "./resolve-caller.js";

/**
 * Wraps a resolver with the shared caches, outermost first: valid callers (cached, so they work for
 * everyone behind an address that is failing), then the per-client failure limit, then invalid keys.
 */
export function resolverWithState(
  resolve: ResolveCaller,
  runtime: Pick<Runtime, "state" | "logger">,
  options: Pick<ToolwrightServerOptions, "callerCacheTtlMs" | "invalidKeyCacheTtlMs" | "authFailureLimit">,
): ResolveCaller {
  const store = runtime.state;
  let resolver = withNegativeCache(resolve, {
    store,
    ...(options.invalidKeyCacheTtlMs === undefined ? {} : { ttlMs: options.invalidKeyCacheTtlMs }),
  });
  if (options.authFailureLimit !== false) {
    resolver = withAuthFailureLimit(resolver, { store, ...(options.authFailureLimit ?? {}) });
  }
  return withCallerCache(resolver, {
    store,
    logger: runtime.logger,
    ...(options.callerCacheTtlMs === undefined ? {} : { ttlMs: options.callerCacheTtlMs }),
  });
}
