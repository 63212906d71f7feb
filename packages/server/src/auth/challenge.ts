/** RFC 9728 §3.1: the metadata of a resource at `https://host/mcp` lives at `https://host/.well-known/oauth-protected-resource/mcp`. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/+$/, "");
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/** A quoted-string for an auth-param (RFC 9110 §5.6.4): backslash and quote escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** What a `WWW-Authenticate: Bearer` challenge says (RFC 6750 §3, RFC 9728 §5.1). */
export interface BearerChallenge {
  resourceMetadata: string;
  error?: "invalid_token" | "insufficient_scope" | "invalid_request";
  description?: string;
  scopes?: readonly string[];
}

/** The header value, e.g. `Bearer error="insufficient_scope", scope="a b", resource_metadata="…"`. */
export function bearerChallenge(challenge: BearerChallenge): string {
  const parts: string[] = [];
  if (challenge.error) parts.push(`error=${quoted(challenge.error)}`);
  if (challenge.description) parts.push(`error_description=${quoted(challenge.description)}`);
  if (challenge.scopes && challenge.scopes.length > 0)
    parts.push(`scope=${quoted(challenge.scopes.join(" "))}`);
  parts.push(`resource_metadata=${quoted(challenge.resourceMetadata)}`);
  return `Bearer ${parts.join(", ")}`;
}
