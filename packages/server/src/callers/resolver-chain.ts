import type { ResolutionContext } from "../state/resolve-caller.js";
import type { CallerResolution, CredentialResolver } from "./caller.js";

/** Resolves the bearer credential of a request (undefined when none was sent). */
export type RequestCredentialResolver = (
  credential: string | undefined,
  context?: ResolutionContext,
) => Promise<CallerResolution>;

/** One resolver of a chain: it claims the credentials it understands. */
export interface ClaimingResolver {
  claims(credential: string): boolean;
  resolve: CredentialResolver;
}

/**
 * API keys and OAuth tokens side by side: the first resolver that claims a credential decides it,
 * and the fallback (the API-key resolver, which also answers a missing credential) takes the rest.
 */
export function chainResolvers(
  resolvers: readonly ClaimingResolver[],
  fallback: RequestCredentialResolver,
): RequestCredentialResolver {
  return (credential, context) => {
    if (credential !== undefined) {
      for (const resolver of resolvers) {
        if (resolver.claims(credential)) return resolver.resolve(credential);
      }
    }
    return fallback(credential, context);
  };
}

/** For servers that accept OAuth tokens only: every credential that no resolver claims is refused. */
export const refuseUnclaimed: RequestCredentialResolver = async (credential) =>
  credential === undefined
    ? {
        ok: false,
        reason: "missing",
        message: "An access token is required (Authorization: Bearer <token>).",
      }
    : { ok: false, reason: "invalid", message: "The access token is not valid for this server." };
