import type { RateLimiter, ReplayStore } from "@toolwright/core";
import type { Catalog } from "../catalog/create-catalog.js";
import type { StateStore } from "../state/state-store.js";
import type { FlagProvider } from "../visibility/flag-provider.js";

/** Where problems the client must not see (internal errors) are reported. */
export interface Logger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Routine events worth a line when debugging (e.g. a client that went away); optional. */
  debug?(message: string): void;
}

/** Everything a call needs that is shared by all callers; per-caller state lives in the session. */
export interface Runtime {
  catalog: Catalog;
  upstream: string;
  /** Base URL of the product's web app for `enrich_url` links. */
  appBaseUrl: string;
  timeoutMs: number;
  maxResultBytes: number;
  /** Largest upstream answer read. */
  maxResponseBytes: number;
  flags: FlagProvider | undefined;
  confirmation: { secret: string; replay: ReplayStore };
  /** Shared state (memory or Redis) and the `rate_limit` guards' counters over it. */
  state: StateStore;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** The `fetch` the server was given for upstream calls; without one, a keep-alive pool is used. */
  fetch?: typeof fetch;
}
