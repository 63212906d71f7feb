import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import type { KoaContextWithOIDC, default as Provider } from "oidc-provider";
import { errors } from "oidc-provider";

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

export interface TokenExchangeInput {
  publicKeys: JSONWebKeySet;
  /** The only client allowed to exchange: the MCP server. */
  exchangerClientId: string;
  apiResource: string;
  isMcpResource(resource: string): boolean;
}

interface Subject {
  accountId: string;
  scope: string;
  expiresAt: number;
}

/** A subject token this AS issued for an MCP server: a JWT checked with its own keys, or an opaque one it stored. */
async function subjectOf(provider: Provider, input: TokenExchangeInput, token: string): Promise<Subject> {
  if (token.split(".").length === 3) {
    const { payload } = await jwtVerify(token, createLocalJWKSet(input.publicKeys), {
      issuer: provider.issuer,
      typ: "at+jwt",
      algorithms: ["ES256"],
    }).catch(() => {
      throw new errors.InvalidGrant("subject_token is invalid or expired");
    });
    const audiences = typeof payload.aud === "string" ? [payload.aud] : (payload.aud ?? []);
    if (!audiences.some((audience) => input.isMcpResource(audience)) || typeof payload.sub !== "string") {
      throw new errors.InvalidGrant("subject_token was not issued for an MCP server");
    }
    return {
      accountId: payload.sub,
      scope: typeof payload.scope === "string" ? payload.scope : "",
      expiresAt: payload.exp ?? 0,
    };
  }
  const stored = await provider.AccessToken.find(token);
  if (!stored || stored.isExpired || !stored.accountId) {
    throw new errors.InvalidGrant("subject_token is invalid, expired or revoked");
  }
  const audience = String(stored.aud ?? "");
  if (!input.isMcpResource(audience))
    throw new errors.InvalidGrant("subject_token was not issued for an MCP server");
  return { accountId: stored.accountId, scope: stored.scope ?? "", expiresAt: stored.exp ?? 0 };
}

/**
 * RFC 8693 for the MCP server alone: a user's token for the MCP server becomes a token for the demo API,
 * for the same user and scopes, never outliving the subject token. The caller's token is never forwarded.
 */
export function registerTokenExchange(provider: Provider, input: TokenExchangeInput): void {
  const handler = async (context: KoaContextWithOIDC) => {
    const { client, params } = context.oidc;
    if (!client || client.clientId !== input.exchangerClientId) {
      throw new errors.UnauthorizedClient("this client may not exchange tokens");
    }
    if (params?.subject_token_type !== ACCESS_TOKEN_TYPE || typeof params.subject_token !== "string") {
      throw new errors.InvalidRequest("subject_token (an access token) is required");
    }
    if (params.resource !== undefined && params.resource !== input.apiResource) {
      throw new errors.InvalidTarget("tokens can only be exchanged for the demo API");
    }
    const subject = await subjectOf(provider, input, params.subject_token);
    const remaining = subject.expiresAt - Math.floor(Date.now() / 1000);
    if (remaining <= 0) throw new errors.InvalidGrant("subject_token is expired");
    const token = new provider.AccessToken({
      accountId: subject.accountId,
      client,
      grantId: `token-exchange:${subject.accountId}`,
      gty: "token_exchange",
      scope: subject.scope,
      expiresIn: Math.min(remaining, 600),
    });
    token.resourceServer = new provider.ResourceServer(input.apiResource, {
      scope: subject.scope,
      audience: input.apiResource,
      accessTokenFormat: "jwt",
      jwt: { sign: { alg: "ES256" } },
    });
    const value = await token.save();
    context.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: "Bearer",
      expires_in: token.expiration,
      scope: subject.scope,
    };
  };
  provider.registerGrantType(GRANT, handler, [
    "subject_token",
    "subject_token_type",
    "requested_token_type",
    "resource",
  ]);
}
