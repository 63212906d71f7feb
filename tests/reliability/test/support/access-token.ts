import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/** A fresh ES256 signing key for the demo AS, as `startOAuthStack({ auth: { signingKey } })` takes it. */
export async function newSigningKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" };
}

export interface AccessTokenClaims {
  sub: string;
  project: number;
  scopes: readonly string[];
  clientId: string;
  /** jose's time span, e.g. "10m". */
  expiresIn: string;
}

/** An access token as the demo AS issues it: its signing key, its issuer, the MCP server's URL as audience. */
export async function mintAccessToken(
  key: JWK,
  stack: { issuer: string; mcpUrl: string },
  claims: AccessTokenClaims,
): Promise<string> {
  return new SignJWT({
    sub: claims.sub,
    scope: claims.scopes.join(" "),
    project: { id: claims.project },
    client_id: claims.clientId,
  })
    .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: key.kid ?? "" })
    .setIssuer(stack.issuer)
    .setAudience(stack.mcpUrl)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn)
    .sign(await importJWK(key, "ES256"));
}
