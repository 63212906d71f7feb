import type { Catalog } from "../catalog/create-catalog.js";
import type { OAuthResourceServerOptions } from "./oauth-options.js";

/** RFC 9728 protected-resource metadata. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  scopes_supported: string[];
  bearer_methods_supported: ["header"];
  resource_name?: string;
}

/**
 * The metadata document: `resource` is the configured canonical URI, the authorization servers are the
 * configured issuer (or the listed ones), and the scopes are every scope the catalog uses. Tokens are
 * accepted in the Authorization header only (never a query string or form body).
 */
export function protectedResourceMetadata(input: {
  resource: string;
  catalog: Catalog;
  oauth?: OAuthResourceServerOptions | undefined;
  authorizationServers?: readonly string[] | undefined;
  name?: string | undefined;
}): ProtectedResourceMetadata {
  const servers = input.authorizationServers ?? (input.oauth ? [input.oauth.issuer] : undefined);
  return {
    resource: input.resource,
    ...(servers ? { authorization_servers: [...servers] } : {}),
    scopes_supported: [...input.catalog.scopes],
    bearer_methods_supported: ["header"],
    ...(input.name ? { resource_name: input.name } : {}),
  };
}

/** The scopes a 401 asks a client to request first: configured, else every `:read` scope of the catalog. */
export function challengeScopes(catalog: Catalog, oauth: OAuthResourceServerOptions | undefined): string[] {
  if (oauth?.challengeScopes) return [...oauth.challengeScopes];
  return catalog.scopes.filter((scope) => scope.endsWith(":read"));
}
