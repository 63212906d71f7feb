import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from "jose";
import Provider from "oidc-provider";
import { handleInteraction } from "./interactions.js";
import type { RegisteringKeyLookup } from "./machine-registration.js";
import { providerConfiguration, type SeededClients } from "./provider-configuration.js";
import { registerTokenExchange } from "./token-exchange-grant.js";

/** Where and how to start the demo authorization server. */
export interface AuthorizationServerOptions {
  /** The demo API's base URL: the resource exchanged tokens are for. */
  apiResource: string;
  /** MCP server resource URIs (e.g. `http://127.0.0.1:3333/mcp`) this AS issues tokens for; more via `allowResource`. */
  mcpResources?: readonly string[];
  /** Port (0 picks a free one); default 4011. */
  port?: number;
  host?: string;
  /** `jwt` (default) or `opaque` access tokens for MCP servers. */
  mcpTokenFormat?: "jwt" | "opaque";
  /** The MCP server's client secret at this AS; default a fixed demo value. */
  mcpClientSecret?: string;
  /**
   * Fetch for client ID metadata documents on loopback hosts (e.g. one trusting a test CA). Loopback
   * documents are allowed because the whole demo runs on 127.0.0.1; other hosts keep oidc-provider's
   * protection against requests to private addresses.
   */
  loopbackFetch?: typeof fetch;
  projectName?(projectId: number): string | null;
  /**
   * Finds a product API key by its secret: registering a client_credentials client needs one (its
   * project becomes the client's). Default: none, so such registrations are refused.
   */
  registeringKey?: RegisteringKeyLookup;
  /** The ES256 signing key (a private JWK with `kid`); default a fresh one per start. */
  signingKey?: JWK;
}

/** A running demo authorization server. */
export interface RunningAuthorizationServer {
  /** The issuer identifier, e.g. `http://127.0.0.1:4011`. */
  issuer: string;
  publicKeys: JSONWebKeySet;
  clients: SeededClients;
  provider: Provider;
  /** Accept one more MCP server resource URI (a test's server on a free port). */
  allowResource(resource: string): void;
  close(): Promise<void>;
}

export const DEFAULT_AUTH_PORT = 4011;
export const DEFAULT_MCP_CLIENT = { id: "toolwright-mcp", secret: "toolwright-mcp-demo-secret-change-me" };

function isLoopback(url: string): boolean {
  const host = URL.parse(url)?.hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/** oidc-provider's outgoing fetch: loopback documents through `loopbackFetch`, without the private-address block. */
function outgoingFetch(loopbackFetch: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!isLoopback(url)) return fetch(input, init);
    const { dispatcher: _dropped, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
    return loopbackFetch(input, rest);
  };
}

/** A fresh ES256 key pair as a private JWK. */
async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return {
    ...(await exportJWK(privateKey)),
    kid: `demo-${Date.now().toString(36)}`,
    alg: "ES256",
    use: "sig",
  };
}

/** Starts oidc-provider on its own port beside the demo API; nothing external is needed. */
export async function startAuthorizationServer(
  options: AuthorizationServerOptions,
): Promise<RunningAuthorizationServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_AUTH_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const signingKey = options.signingKey ?? (await generateSigningKey());
  const { d: _private, ...publicKey } = signingKey;
  const publicKeys = { keys: [publicKey] };
  const mcpResources = new Set(options.mcpResources ?? []);
  const isMcpResource = (resource: string) => mcpResources.has(resource);
  const clients: SeededClients = {
    mcpServer: { id: DEFAULT_MCP_CLIENT.id, secret: options.mcpClientSecret ?? DEFAULT_MCP_CLIENT.secret },
    machine: { id: "demo-ci", secret: "demo-ci-secret", projectId: 1 },
  };
  const provider = new Provider(
    issuer,
    providerConfiguration({
      signingKey,
      apiResource: options.apiResource,
      isMcpResource,
      mcpTokenFormat: options.mcpTokenFormat ?? "jwt",
      clients,
      projectName: options.projectName ?? (() => null),
      fetch: outgoingFetch(options.loopbackFetch ?? fetch),
      registeringKey: options.registeringKey ?? (() => null),
    }),
  );
  registerTokenExchange(provider, {
    publicKeys,
    exchangerClientId: clients.mcpServer.id,
    apiResource: options.apiResource,
    isMcpResource,
  });
  const callback = provider.callback();
  server.on("request", (request, response) => {
    handleInteraction(provider, request, response).then(
      (handled) => {
        if (!handled) void callback(request, response);
      },
      () => response.writeHead(500).end(),
    );
  });
  return {
    issuer,
    publicKeys,
    clients,
    provider,
    allowResource: (resource) => void mcpResources.add(resource),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
