import { missingScopes, parseScopes, type Scope } from "@toolwright/core";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { OAUTH_SCOPES } from "./demo-users.js";

/** What registering a machine client needs to know about the API key presented with the request. */
interface RegisteringKey {
  projectId: number;
  scopes: readonly Scope[];
}

/** Looks up a product API key by its secret (the demo API's own key table), or null. */
export type RegisteringKeyLookup = (secret: string) => RegisteringKey | null;

/** The client metadata property holding a machine client's project (set by this AS, never by the client). */
export const PROJECT_METADATA = "project_id";

function bearer(context: KoaContextWithOIDC): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(context.headers.authorization ?? "")?.[1]?.trim() || undefined;
}

/** Clients identified by the https URL of their own metadata document (not registered here). */
export function isMetadataDocumentClient(metadata: { client_id?: unknown }): boolean {
  return typeof metadata.client_id === "string" && /^https?:\/\//i.test(metadata.client_id);
}

function invalid(message: string): never {
  throw new errors.InvalidClientMetadata(message);
}

/**
 * `extraClientMetadata.validator` for RFC 7591 registration. A client-credentials client acts for no
 * person, so it gets its project from whoever registers it: the registration request must carry
 * `Authorization: Bearer <an API key of that project>` (the key works as the initial access token).
 * The client is bound to the key's project, and its `scope` may not exceed the key's scopes (default:
 * every OAuth scope the key grants). A client never chooses `project_id` itself. Clients for people
 * (authorization code) register without a key as before: their tokens carry the signed-in user's project.
 * Stored clients loaded later (any other route) keep the project they were registered with.
 */
export function machineRegistrationValidator(lookup: RegisteringKeyLookup) {
  return (
    context: KoaContextWithOIDC | undefined,
    key: string,
    value: unknown,
    metadata: Record<string, unknown>,
  ) => {
    if (key !== PROJECT_METADATA) return;
    // A client ID metadata document is written by the client itself: it never names a project.
    if (isMetadataDocumentClient(metadata) && value !== undefined)
      invalid("a client ID metadata document cannot name a project_id");
    if (context?.oidc?.route !== "registration") return;
    const grants = Array.isArray(metadata.grant_types) ? (metadata.grant_types as string[]) : [];
    if (!grants.includes("client_credentials")) {
      if (value !== undefined)
        invalid("project_id is set by this server, for client_credentials clients only");
      return;
    }
    if (metadata.token_endpoint_auth_method === "none" || metadata.token_endpoint_auth_method === undefined)
      invalid(
        "a client_credentials client must authenticate: set token_endpoint_auth_method to client_secret_basic, client_secret_post or private_key_jwt",
      );
    const secret = bearer(context);
    if (!secret)
      invalid(
        "a client_credentials client acts for a project: register it with 'Authorization: Bearer <an API key of that project>'",
      );
    const registering = lookup(secret);
    if (!registering)
      invalid("the API key presented to register this client_credentials client is not valid");
    if (value !== undefined && value !== registering.projectId)
      invalid(
        `project_id ${String(value)} is not the project of the API key presented (${registering.projectId})`,
      );
    const requested =
      typeof metadata.scope === "string" && metadata.scope.trim() !== ""
        ? metadata.scope.trim().split(/\s+/)
        : OAUTH_SCOPES.filter(
            (scope) => missingScopes(registering.scopes, parseScopes([scope])).length === 0,
          );
    const beyond = requested.filter(
      (scope) =>
        !OAUTH_SCOPES.includes(scope) || missingScopes(registering.scopes, parseScopes([scope])).length > 0,
    );
    if (beyond.length > 0) invalid(`scope ${beyond.join(" ")} exceeds what the API key presented may grant`);
    if (requested.length === 0) invalid("the API key presented grants none of the OAuth scopes");
    metadata[PROJECT_METADATA] = registering.projectId;
    metadata.scope = requested.join(" ");
  };
}
