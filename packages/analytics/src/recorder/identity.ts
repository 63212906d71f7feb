/** Who is calling, as `identify` resolves it: the PostHog distinct id and optional person properties. */
export interface Identity {
  /** A stable caller id (a key's id, a token's `sub`): an identifier, never redacted, never a secret. */
  distinctId: string;
  /** Person properties: `$set` on every event, and one `$identify` per caller while they are unchanged. */
  properties?: Record<string, unknown>;
  /** Group memberships, sent as `$groups` on every event (e.g. `{ project: "1" }`). */
  groups?: Record<string, string>;
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

const MAX_REMEMBERED_CALLERS = 10_000;

/**
 * Remembers which callers were identified with which person properties, so `$identify` is sent once
 * per caller while its properties are unchanged (not once per request or session).
 */
export class IdentifiedCallers {
  readonly #sent = new Map<string, string>();

  /** True when this identity needs an `$identify` now (first sight, or changed properties). */
  needsIdentify(identity: Identity): boolean {
    const fingerprint = JSON.stringify([identity.properties ?? null, identity.groups ?? null]);
    if (this.#sent.get(identity.distinctId) === fingerprint) return false;
    if (this.#sent.size >= MAX_REMEMBERED_CALLERS) this.#sent.clear();
    this.#sent.set(identity.distinctId, fingerprint);
    return true;
  }
}
