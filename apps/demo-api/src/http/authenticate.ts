import { missingScopes, type Scope } from "@toolwright/core";
import type { TokenVerifier } from "../auth/api-token-verifier.js";
import type { Database } from "../db/sqlite.js";
import type { Caller } from "../routes/route.js";
import { findKey } from "../services/keys.js";
import { ApiError } from "./api-error.js";

const BEARER = /^Bearer\s+(\S+)$/i;
const CHALLENGE = { "www-authenticate": "Bearer" };

/** A JWT-shaped credential is an OAuth access token; anything else is an API key. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Resolves the caller from `Authorization: Bearer <key or access token>`; 401 when it is missing or unknown. */
export async function authenticate(
  db: Database,
  authorization: string | undefined,
  verifyToken?: TokenVerifier | null,
): Promise<Caller> {
  if (!authorization) {
    throw new ApiError(
      401,
      "authentication_required",
      "Send an API key as 'Authorization: Bearer <key>'.",
      {},
      CHALLENGE,
    );
  }
  const secret = BEARER.exec(authorization.trim())?.[1];
  if (secret && verifyToken && JWT_SHAPE.test(secret)) {
    const caller = await verifyToken(secret);
    if (caller) return caller;
    throw new ApiError(
      401,
      "invalid_token",
      "The access token is not valid for this API (expired, revoked, or issued for another resource).",
      {},
      { "www-authenticate": 'Bearer error="invalid_token"' },
    );
  }
  const key = secret ? findKey(db, secret) : null;
  if (!key) {
    throw new ApiError(
      401,
      "invalid_api_key",
      "The API key is not valid; check it or create a new one.",
      {},
      CHALLENGE,
    );
  }
  return { keyId: key.id, keyName: key.name, projectId: key.projectId, scopes: key.scopes };
}

/** 403 naming every required scope the caller lacks. */
export function requireScopes(caller: Caller, required: readonly Scope[], operation: string): void {
  const missing = missingScopes(caller.scopes, required);
  if (missing.length === 0) return;
  throw new ApiError(
    403,
    "insufficient_scope",
    `This API key lacks ${missing.map((scope) => `'${scope}'`).join(", ")}, needed for '${operation}'. Use a key with ${missing.length > 1 ? "these scopes" : "this scope"}.`,
    { missing_scopes: missing },
  );
}
