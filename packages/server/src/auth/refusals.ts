import type { CallerResolution } from "../callers/caller.js";
import type { Catalog } from "../catalog/create-catalog.js";
import { bearerChallenge, protectedResourceMetadataUrl } from "./challenge.js";
import type { OAuthResourceServerOptions } from "./oauth-options.js";
import { challengeScopes } from "./protected-resource-metadata.js";

/** Where the auth answers of one server point: its resource URI, catalog and OAuth settings. */
export interface AuthContext {
  resource: string;
  catalog: Catalog;
  oauth: OAuthResourceServerOptions | undefined;
}

function jsonRpcError(status: number, message: string, headers: Record<string, string>): Response {
  return Response.json({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }, { status, headers });
}

/** 401 for a missing or invalid credential with the RFC 9728 challenge; 503 when it could not be checked. */
export function credentialRefusal(
  context: AuthContext,
  resolution: Exclude<CallerResolution, { ok: true }>,
): Response {
  if (resolution.reason === "unavailable") return jsonRpcError(503, resolution.message, {});
  if (resolution.reason === "throttled") {
    const retryAfter = String(Math.max(1, Math.ceil(resolution.retryAfterMs / 1000)));
    return jsonRpcError(429, resolution.message, { "retry-after": retryAfter });
  }
  const challenge = bearerChallenge({
    resourceMetadata: protectedResourceMetadataUrl(context.resource),
    ...(resolution.reason === "invalid" ? { error: "invalid_token" as const } : {}),
    ...(context.oauth ? { scopes: challengeScopes(context.catalog, context.oauth) } : {}),
  });
  return jsonRpcError(401, resolution.message, { "www-authenticate": challenge });
}

/** RFC 6750 §2.3 is not supported: a token in the URL leaks into logs, so it is refused and never used. */
export function queryTokenRefusal(context: AuthContext, url: URL): Response | null {
  if (!url.searchParams.has("access_token")) return null;
  const challenge = bearerChallenge({
    resourceMetadata: protectedResourceMetadataUrl(context.resource),
    error: "invalid_token",
    description: "send the token in the Authorization header, not the URL",
  });
  return jsonRpcError(401, "Access tokens are accepted in the Authorization header only, never in the URL.", {
    "www-authenticate": challenge,
  });
}

/** 403 step-up (RFC 6750 §3.1): the token is valid but lacks the scopes this call needs. */
export function insufficientScope(context: AuthContext, scopes: readonly string[]): Response {
  const challenge = bearerChallenge({
    resourceMetadata: protectedResourceMetadataUrl(context.resource),
    error: "insufficient_scope",
    scopes,
  });
  return jsonRpcError(
    403,
    `This call needs the scope${scopes.length > 1 ? "s" : ""} ${scopes.join(" ")}; authorize again to grant ${scopes.length > 1 ? "them" : "it"}.`,
    { "www-authenticate": challenge },
  );
}
