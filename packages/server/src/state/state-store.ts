import type { RateLimitDecision, ToolwrightError } from "@toolwright/core";
import { serverError } from "../server-error.js";

/**
 * What replicas share: single-use claims, short-lived cached values and rolling-window counters.
 * Keys are namespaced by their users (`replay:`, `caller:`, `invalid-key:`, `rate:`, `auth-failures:`,
 * `list:`). Every method may reject with a `state_unavailable` error; each user decides whether that
 * fails open or closed.
 */
export interface StateStore {
  readonly kind: "memory" | "redis";
  /** Atomically records `key` for `ttlMs` unless it is already there; true when this call recorded it. */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Counts one event in the rolling window of `key` unless `limit` events are already in it. */
  windowHit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  /** How many events the rolling window of `key` holds now, without counting one. */
  windowCount(key: string, windowMs: number): Promise<number>;
  /** Stops background work (Redis connection); the store is unusable afterwards. */
  close(): Promise<void>;
}

/** The error every store method rejects with when its backend cannot be reached. */
export function stateUnavailable(detail: string, cause?: unknown): ToolwrightError<"state_unavailable"> {
  return serverError("state_unavailable", `the shared state store could not be reached (${detail})`, {
    cause,
  });
}
