import * as oauth from "oauth4webapi";
import type { OAuthResourceServerOptions } from "../auth/oauth-options.js";
import type { CallerResolution, CredentialResolver } from "./caller.js";
import { hashKey } from "./key-hash.js";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
/** Bounds memory; expired entries go first, then the oldest. */
const MAX_CACHED = 10_000;

/** Exchanges a caller's token for one meant for the upstream; null when the AS refuses. */
export type TokenExchanger = (subjectToken: string) => Promise<string | null>;

/**
 * RFC 8693 at the AS, as this server's own client: same user, same scopes, audience = the upstream.
 * Results are kept per SHA-256 of the subject token until shortly before the new token expires.
 */
export function createTokenExchanger(
  options: OAuthResourceServerOptions,
  metadata: () => Promise<oauth.AuthorizationServer>,
): TokenExchanger {
  const client: oauth.Client = { client_id: options.client.id };
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const insecure = { [oauth.allowInsecureRequests]: options.allowInsecureHttp === true };
  const remember = (id: string, token: string, expiresIn: number) => {
    const now = Date.now();
    if (cache.size >= MAX_CACHED) {
      for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
      for (const key of cache.keys()) if (cache.size >= MAX_CACHED) cache.delete(key);
    }
    cache.set(id, { token, expiresAt: now + Math.max(0, expiresIn - 10) * 1000 });
  };
  return async (subjectToken) => {
    const id = hashKey(subjectToken);
    const cached = cache.get(id);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    cache.delete(id);
    const as = await metadata();
    const response = await oauth.genericTokenEndpointRequest(
      as,
      client,
      oauth.ClientSecretBasic(options.client.secret),
      TOKEN_EXCHANGE,
      {
        subject_token: subjectToken,
        subject_token_type: ACCESS_TOKEN_TYPE,
        requested_token_type: ACCESS_TOKEN_TYPE,
        resource: options.upstreamResource,
      },
      insecure,
    );
    if (response.status === 400 || response.status === 401) {
      await response.body?.cancel();
      return null;
    }
    const result = await oauth.processGenericTokenEndpointResponse(as, client, response);
    remember(id, result.access_token, result.expires_in ?? 60);
    return result.access_token;
  };
}

/** A validated token's caller gets an upstream credential of its own before any tool runs. */
export function withTokenExchange(
  validate: CredentialResolver,
  exchange: TokenExchanger,
): CredentialResolver {
  return async (token): Promise<CallerResolution> => {
    const resolution = await validate(token);
    if (!resolution.ok) return resolution;
    let upstreamToken: string | null;
    try {
      upstreamToken = await exchange(token);
    } catch {
      return {
        ok: false,
        reason: "unavailable",
        message: "The authorization server could not be reached to obtain a token for the upstream API.",
      };
    }
    if (upstreamToken === null) {
      return {
        ok: false,
        reason: "invalid",
        message: "The authorization server refused to exchange the access token for the upstream API.",
      };
    }
    return { ok: true, caller: { ...resolution.caller, key: upstreamToken } };
  };
}
