import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import type { OAuthResourceServerOptions } from "../auth/oauth-options.js";
import type { CallerResolution, CredentialResolver } from "./caller.js";
import { audienceIncludes, projectOf, toolScopesOf } from "./token-claims.js";
import { createTokenExchanger, withTokenExchange } from "./token-exchange.js";

/** Asymmetric signatures only: `none` and every HMAC are refused whatever the token's header says. */
const DEFAULT_ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"];

const INVALID = "The access token is invalid, expired, revoked or not issued for this server.";

function invalid(detail?: string): CallerResolution {
  return { ok: false, reason: "invalid", message: detail ? `${INVALID} (${detail})` : INVALID };
}

function unavailable(what: string): CallerResolution {
  return {
    ok: false,
    reason: "unavailable",
    message: `The authorization server could not be reached to check the access token (${what}).`,
  };
}

/** The AS metadata (RFC 8414), fetched once; a failed fetch is retried on the next request. */
function authorizationServerMetadata(
  options: OAuthResourceServerOptions,
): () => Promise<oauth.AuthorizationServer> {
  let pending: Promise<oauth.AuthorizationServer> | undefined;
  return () => {
    pending ??= (async () => {
      const issuer = new URL(options.issuer);
      const response = await oauth.discoveryRequest(issuer, {
        algorithm: "oauth2",
        [oauth.allowInsecureRequests]: options.allowInsecureHttp === true,
      });
      return oauth.processDiscoveryResponse(issuer, response);
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** The caller a valid token stands for; the token goes upstream only when its audience names the upstream. */
function callerFromClaims(
  options: OAuthResourceServerOptions,
  claims: Record<string, unknown>,
): CallerResolution {
  if (typeof claims.sub !== "string" || claims.sub === "") return invalid("no subject");
  return {
    ok: true,
    caller: {
      // Filled in by the token exchange: the caller's own token never goes upstream.
      key: undefined,
      info: {
        id: claims.sub,
        kind: "oauth",
        ...(typeof claims.client_id === "string" ? { clientId: claims.client_id } : {}),
        scopes: toolScopesOf(claims, options.scopeMap),
        project: projectOf(claims, options.projectClaim ?? "project"),
      },
    },
  };
}

function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof joseErrors.JWKSTimeout ||
    (error instanceof TypeError && /fetch/i.test(error.message)) ||
    (error instanceof Error && error.name === "AbortError")
  );
}

/** JWT access tokens checked against the AS's JWKS: issuer, audience (this resource), exp, nbf, algorithm. */
function jwtResolver(options: OAuthResourceServerOptions, resource: string): CredentialResolver {
  const validation = options.validation?.kind === "jwt" ? options.validation : { kind: "jwt" as const };
  const metadata = authorizationServerMetadata(options);
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keySet = async () => {
    if (keys) return keys;
    const uri = validation.jwksUri ?? (await metadata()).jwks_uri;
    if (!uri) throw new TypeError("fetch: the authorization server metadata names no jwks_uri");
    keys = createRemoteJWKSet(new URL(uri));
    return keys;
  };
  const algorithms = (validation.algorithms ?? DEFAULT_ALGORITHMS).filter(
    (algorithm) => algorithm !== "none" && !algorithm.startsWith("HS"),
  );
  return async (token) => {
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, await keySet(), {
        issuer: options.issuer,
        audience: resource,
        algorithms,
        requiredClaims: ["exp", "sub"],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        ...(validation.type ? { typ: validation.type } : {}),
      });
      payload = verified.payload;
    } catch (error) {
      if (isNetworkFailure(error)) return unavailable("keys");
      return invalid(error instanceof joseErrors.JWTExpired ? "expired" : undefined);
    }
    return callerFromClaims(options, payload as Record<string, unknown>);
  };
}

/** RFC 7662 introspection at the AS, authenticated as this server's own client. */
function introspectionResolver(options: OAuthResourceServerOptions, resource: string): CredentialResolver {
  if (options.validation?.kind !== "introspection") throw new TypeError("introspection options missing");
  const { endpoint } = options.validation;
  const metadata = authorizationServerMetadata(options);
  const client: oauth.Client = { client_id: options.client.id };
  const insecure = { [oauth.allowInsecureRequests]: options.allowInsecureHttp === true };
  return async (token) => {
    let claims: oauth.IntrospectionResponse;
    try {
      const discovered = await metadata();
      const as = endpoint ? { ...discovered, introspection_endpoint: endpoint } : discovered;
      const response = await oauth.introspectionRequest(
        as,
        client,
        oauth.ClientSecretBasic(options.client.secret),
        token,
        insecure,
      );
      claims = await oauth.processIntrospectionResponse(as, client, response);
    } catch {
      return unavailable("introspection");
    }
    if (!claims.active) return invalid();
    if (claims.iss !== undefined && claims.iss !== options.issuer) return invalid("other issuer");
    if (!audienceIncludes(claims.aud, resource)) return invalid("other resource");
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp === "number" && claims.exp + (options.clockToleranceSeconds ?? 5) < now) {
      return invalid("expired");
    }
    return callerFromClaims(options, claims as unknown as Record<string, unknown>);
  };
}

/** An OAuth access-token resolver for this server's canonical resource URI (RFC 8707). */
export function createOAuthTokenResolver(
  options: OAuthResourceServerOptions,
  resource: string,
): CredentialResolver {
  const validate =
    options.validation?.kind === "introspection"
      ? introspectionResolver(options, resource)
      : jwtResolver(options, resource);
  return withTokenExchange(validate, createTokenExchanger(options, authorizationServerMetadata(options)));
}

/** Whether a credential is an OAuth token (rather than an API key) under these options. */
export function oauthTokenPredicate(options: OAuthResourceServerOptions): (credential: string) => boolean {
  if (options.isOAuthToken) return options.isOAuthToken;
  if (options.acceptApiKeys === false) return () => true;
  const prefix = options.apiKeyPrefix;
  if (options.validation?.kind === "introspection") {
    return (credential) => !prefix || !credential.startsWith(prefix);
  }
  return (credential) =>
    (!prefix || !credential.startsWith(prefix)) && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}
