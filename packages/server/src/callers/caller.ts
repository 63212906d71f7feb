import type { CallerInfo } from "../catalog/tool-context.js";

/** A resolved caller: what tools see (`info`) plus the key, which only goes to the upstream. */
export interface Caller {
  info: CallerInfo;
  /** The caller's own API key, forwarded to the upstream; undefined for anonymous callers. */
  key: string | undefined;
}

/** The outcome of resolving a key: a caller, or why not (for the HTTP status and message). */
export type CallerResolution =
  | { ok: true; caller: Caller }
  | { ok: false; reason: "missing" | "invalid" | "unavailable"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterMs: number };

/** Resolves one credential into a caller; the shape every resolver shares, so they compose. */
export type CredentialResolver = (credential: string) => Promise<CallerResolution>;
