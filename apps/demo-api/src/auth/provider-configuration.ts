import { randomBytes } from "node:crypto";
import type { JWK } from "jose";
import { type Configuration, errors, type KoaContextWithOIDC } from "oidc-provider";
import { DemoAdapter } from "./demo-adapter.js";
import { demoUserById, OAUTH_SCOPES } from "./demo-users.js";
import {
  isMetadataDocumentClient,
  machineRegistrationValidator,
  PROJECT_METADATA,
  type RegisteringKeyLookup,
} from "./machine-registration.js";

/** Confidential clients the demo seeds: the MCP server (introspection, token exchange) and a CI job. */
export interface SeededClients {
  mcpServer: { id: string; secret: string };
  machine: { id: string; secret: string; projectId: number };
}

export interface ConfigurationInput {
  signingKey: JWK;
  /** The demo API's resource identifier (its base URL): the audience of exchanged tokens. */
  apiResource: string;
  /** Whether a resource indicator names an MCP server this AS issues tokens for. */
  isMcpResource(resource: string): boolean;
  /** `jwt` (default) or `opaque` access tokens for MCP servers (opaque ones need introspection). */
  mcpTokenFormat: "jwt" | "opaque";
  clients: SeededClients;
  projectName(projectId: number): string | null;
  /** Fetches a client ID metadata document (the AS's outgoing request). */
  fetch: typeof fetch;
  /** Finds the API key presented to register a client_credentials client (its project and scopes). */
  registeringKey: RegisteringKeyLookup;
}

const ACCESS_TOKEN_TTL = 600;

/** The project a dynamically registered machine client was bound to at registration, if any. */
async function registeredProject(context: KoaContextWithOIDC, clientId: string): Promise<number | undefined> {
  // Only clients registered here (RFC 7591) can hold a project; a metadata document's never does.
  if (isMetadataDocumentClient({ client_id: clientId })) return undefined;
  const client = await context.oidc.provider.Client.find(clientId).catch(() => undefined);
  const projectId = client?.metadata()[PROJECT_METADATA];
  return typeof projectId === "number" ? projectId : undefined;
}

/**
 * The project a token acts for: the user's, the seeded machine client's, or the project a registered
 * machine client was bound to (a subject is one of them).
 */
async function projectClaim(input: ConfigurationInput, context: KoaContextWithOIDC, subject: string) {
  const projectId =
    subject === input.clients.machine.id
      ? input.clients.machine.projectId
      : (demoUserById(subject)?.projectId ??
        (subject ? await registeredProject(context, subject) : undefined));
  if (projectId === undefined) return undefined;
  return { project: { id: projectId, name: input.projectName(projectId) } };
}

/** Claims every access token gets: its project, and for exchanged tokens the acting MCP server (RFC 8693 `act`). */
async function extraClaims(
  input: ConfigurationInput,
  context: KoaContextWithOIDC,
  token: { clientId?: string; accountId?: string; gty?: string },
) {
  const project = await projectClaim(input, context, token.accountId ?? token.clientId ?? "");
  const act = token.gty === "token_exchange" ? { act: { sub: token.clientId } } : undefined;
  return project || act ? { ...project, ...act } : undefined;
}

function resourceServerInfo(input: ConfigurationInput, resource: string) {
  const jwt = { sign: { alg: "ES256" as const } };
  if (input.isMcpResource(resource)) {
    return {
      scope: OAUTH_SCOPES.join(" "),
      audience: resource,
      accessTokenTTL: ACCESS_TOKEN_TTL,
      accessTokenFormat: input.mcpTokenFormat,
      ...(input.mcpTokenFormat === "jwt" ? { jwt } : {}),
    };
  }
  if (resource === input.apiResource) {
    return {
      scope: OAUTH_SCOPES.join(" "),
      audience: resource,
      accessTokenTTL: ACCESS_TOKEN_TTL,
      accessTokenFormat: "jwt" as const,
      jwt,
    };
  }
  return null;
}

/** oidc-provider settings for the demo: OAuth 2.1 (code + PKCE S256, refresh rotation), RFC 8707, 7591, 7662, 7009. */
export function providerConfiguration(input: ConfigurationInput): Configuration {
  const { clients } = input;
  return {
    clients: [
      {
        client_id: clients.mcpServer.id,
        client_secret: clients.mcpServer.secret,
        client_name: "Toolwright MCP server",
        grant_types: ["urn:ietf:params:oauth:grant-type:token-exchange"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: clients.machine.id,
        client_secret: clients.machine.secret,
        client_name: "Demo CI job",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
        scope: OAUTH_SCOPES.filter((scope) => scope.endsWith(":read")).join(" "),
      },
    ],
    adapter: DemoAdapter,
    jwks: { keys: [input.signingKey as never] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: ["offline_access", ...OAUTH_SCOPES],
    claims: { openid: ["sub"] },
    responseTypes: ["code"],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      id_token_signed_response_alg: "ES256",
    },
    clientAuthMethods: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"],
    enabledJWA: { clientAuthSigningAlgValues: ["ES256", "EdDSA", "RS256", "PS256"] },
    async findAccount(_context, id) {
      if (!demoUserById(id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: id }) };
    },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    // Every authorization-code grant gets a rotating refresh token, without asking for offline_access.
    issueRefreshToken: async (_context, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      ClientCredentials: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      RefreshToken: 24 * 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 24 * 3600,
    },
    extraTokenClaims: async (context, token) => extraClaims(input, context, token as never),
    // A client_credentials client registered dynamically is bound to the project of the API key its
    // registration presented (see machine-registration.ts).
    extraClientMetadata: {
      properties: [PROJECT_METADATA],
      validator: machineRegistrationValidator(input.registeringKey) as never,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      // Client ID Metadata Documents: a client's id is the https URL of its metadata, fetched here.
      clientIdMetadataDocument: { enabled: true, ack: "draft-02" },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // Only the MCP server (the resource server) may introspect; clients may ask about their own tokens.
        allowedPolicy: async (context: KoaContextWithOIDC, client, token) =>
          client.clientId === clients.mcpServer.id || token.clientId === context.oidc.client?.clientId,
      },
      revocation: {
        enabled: true,
        // A client revokes its own tokens only.
        allowedPolicy: async (context: KoaContextWithOIDC, _client, token) =>
          token.clientId === context.oidc.client?.clientId,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => input.apiResource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_context, resource) => {
          const info = resourceServerInfo(input, resource);
          if (!info)
            throw new errors.InvalidTarget("this authorization server issues no tokens for that resource");
          return info;
        },
      },
    },
    fetch: input.fetch,
    renderError: async (context, output) => {
      context.type = "html";
      context.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(String(output.error))}: ${escapeHtml(String(output.error_description ?? ""))}</p>`;
    },
  };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character,
  );
}
