import type { Scope } from "@toolwright/core";

/** A request to the upstream made by a hand-written tool, with the caller's own key. */
export interface UpstreamRequest {
  method: "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path relative to the upstream base URL, e.g. `/api/workflows/1`. */
  path: string;
  query?: Record<string, unknown>;
  /** Sent as JSON. */
  body?: unknown;
}

/** Who is calling, as a tool or flag provider may see it (never the key itself). */
export interface CallerInfo {
  /**
   * A stable identifier of the caller: the SHA-256 of an API key (base64url), an OAuth access token's
   * `sub`, or `anonymous`. Never the credential itself.
   */
  id: string;
  /** How the caller signed in; absent means an API key (or anonymous with static scopes). */
  kind?: "api_key" | "oauth";
  /** The OAuth client the token was issued to (`client_id`), for OAuth callers. */
  clientId?: string;
  scopes: readonly Scope[];
  /** What the upstream's introspection endpoint said about the key's project, if anything. */
  project: Record<string, unknown> | null;
  /** The upstream's stable id of the caller (the key's `id` from introspection): an identifier, not a secret. */
  subject?: string;
}

/** What a hand-written tool's handler receives besides its arguments. */
export interface ToolContext {
  caller: CallerInfo;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** Calls the upstream with the caller's key; resolves to parsed JSON, throws a ToolwrightError on failure. */
  upstream(request: UpstreamRequest): Promise<unknown>;
}
