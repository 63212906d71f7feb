import { isScope, type Scope } from "@toolwright/core";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import type { Caller } from "../routes/route.js";

/** Checks a bearer token issued by the demo AS for this API; null when it is not one. */
export type TokenVerifier = (token: string) => Promise<Caller | null>;

/**
 * Access tokens for the demo API: ES256 JWTs from the demo AS (RFC 9068 `at+jwt`) whose audience is
 * this API, unexpired, with a project. Their scopes follow the same rules as an API key's.
 */
export function createApiTokenVerifier(input: {
  issuer: string;
  publicKeys: JSONWebKeySet;
  audience: string;
}): TokenVerifier {
  const keys = createLocalJWKSet(input.publicKeys);
  return async (token) => {
    const verified = await jwtVerify(token, keys, {
      issuer: input.issuer,
      audience: input.audience,
      algorithms: ["ES256"],
      typ: "at+jwt",
      requiredClaims: ["exp", "sub"],
    }).catch(() => null);
    if (!verified) return null;
    const { payload } = verified;
    const project = payload.project as { id?: unknown } | undefined;
    if (typeof project?.id !== "number" || typeof payload.sub !== "string") return null;
    const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    return {
      keyId: 0,
      keyName: `oauth:${payload.sub}`,
      projectId: project.id,
      scopes: scopes.filter((scope): scope is Scope => isScope(scope)),
    };
  };
}
