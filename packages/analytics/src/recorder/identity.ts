/** Who is calling, as `identify` resolves it: the PostHog distinct id and optional person properties. */
export interface Identity {
  distinctId: string;
  /** Person properties, sent once per session as `$set` on an `$identify` event. */
  properties?: Record<string, unknown>;
}

/** What `identify` receives: everything known about the session when it first appears. */
export interface IdentifyRequest {
  /** The session id (`$session_id`). */
  sessionId: string;
  /** The MCP client's name and version from `initialize`, when known. */
  clientName?: string;
  clientVersion?: string;
  /** The transport's auth info (e.g. a verified token's claims), when the server has one. */
  authInfo?: unknown;
  /** HTTP request headers (lower-cased names), when the transport is HTTP. */
  headers?: Record<string, string>;
  /** The `_meta` of the first request of the session. */
  meta?: unknown;
}

/** `identify` may return an identity, a bare distinct id, or nothing (anonymous). */
export type IdentifyResult = Identity | string | null | undefined;

/** Resolves the caller once per session; it is never awaited on a request's path. */
export type IdentifyFunction = (request: IdentifyRequest) => IdentifyResult | Promise<IdentifyResult>;

/** Normalises what `identify` returned. */
export function toIdentity(result: IdentifyResult): Identity | null {
  if (typeof result === "string") return result.length > 0 ? { distinctId: result } : null;
  if (result && typeof result.distinctId === "string" && result.distinctId.length > 0) return result;
  return null;
}
