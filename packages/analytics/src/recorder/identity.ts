/** Who is calling, as `identify` resolves it: the PostHog distinct id and optional person properties. */
export interface Identity {
  /** A stable caller id (a key's id, a token's `sub`): an identifier, never redacted, never a secret. */
  distinctId: string;
  /** Person properties: `$set` on every event, and one `$identify` per caller while they are unchanged. */
  properties?: Record<string, unknown>;
  /** Group memberships, sent as `$groups` on every event (e.g. `{ project: "1" }`). */
  groups?: Record<string, string>;
}

/** An MCP JSON-RPC request as hooks receive it (`identify`, `intentFallback`): the reference's shape. */
export interface McpRequestLike {
  id?: string | number;
  jsonrpc?: string;
  method?: string;
  params?: { _meta?: Record<string, unknown>; arguments?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * What `identify` receives first: everything known about the session when it first appears, and the
 * MCP request that opened it (`id`, `jsonrpc`, `method`, `params`), as `@posthog/mcp` passes it.
 */
export interface IdentifyRequest {
  /** The JSON-RPC request the session was first seen on (e.g. `initialize` or `tools/call`). */
  id?: string | number;
  jsonrpc?: string;
  method?: string;
  params?: { _meta?: Record<string, unknown>; arguments?: Record<string, unknown>; [key: string]: unknown };
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
  [key: string]: unknown;
}

/** `identify` may return an identity, a bare distinct id, or nothing (anonymous). */
export type IdentifyResult = Identity | string | null | undefined;

/**
 * The SDK's handler context of that request: `extra` on SDK 1.x, `ctx` on 2.x (`authInfo`,
 * `requestInfo.headers` / `http.req`, `sessionId`, ...), as the reference passes it.
 */
export type IdentifyExtra = Record<string, unknown>;

/**
 * Resolves the caller once per session; it is never awaited on a request's path. Called as
 * `identify(request, extra)`, the reference SDK's arguments: a function written for `@posthog/mcp`
 * works unchanged.
 */
export type IdentifyFunction = (
  request: IdentifyRequest,
  extra?: IdentifyExtra,
) => IdentifyResult | Promise<IdentifyResult>;

const REQUEST_FIELDS = ["id", "jsonrpc", "method", "params"] as const;

/** The JSON-RPC fields of a request (`id`, `jsonrpc`, `method`, `params`), as hooks receive them. */
export function requestFields(request: unknown): McpRequestLike {
  const fields: Record<string, unknown> = {};
  if (request === null || typeof request !== "object") return fields;
  const source = request as Record<string, unknown>;
  for (const key of REQUEST_FIELDS) if (key in source) fields[key] = source[key];
  return fields as McpRequestLike;
}

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
