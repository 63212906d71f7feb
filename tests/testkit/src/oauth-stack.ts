import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { type AuthorizationServerOptions, type RunningDemoApi, startDemoApi } from "@toolwright/demo-api";
import { demoServer } from "@toolwright/mcp-server/server-options";
import { createHttpApp, type HttpAppOptions } from "@toolwright/server";
import { testServerSettings } from "./demo-mcp-server.js";

/** The demo API, its authorization server and an MCP server that accepts the AS's tokens, on free ports. */
export interface OAuthStack {
  api: RunningDemoApi;
  /** The AS issuer. */
  issuer: string;
  /** The MCP endpoint, which is also its canonical resource URI. */
  mcpUrl: string;
  /** Requests the MCP server sent to the upstream (tool calls, lookups, key checks), by path. */
  upstreamRequests: string[];
  close(): Promise<void>;
}

export interface OAuthStackOptions {
  /** `jwt` (default) or `introspection` at the MCP server; introspection makes the AS issue opaque tokens. */
  validation?: "jwt" | "introspection";
  auth?: Partial<Omit<AuthorizationServerOptions, "apiResource">>;
  server?: Partial<HttpAppOptions>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Starts the stack as `pnpm start` does, but on free ports: the MCP server's socket is bound first, so
 * its resource URI (the audience its tokens must name) is known before it is configured.
 */
export async function startOAuthStack(options: OAuthStackOptions = {}): Promise<OAuthStack> {
  const directory = mkdtempSync(join(tmpdir(), "toolwright-oauth-"));
  const validation = options.validation ?? "jwt";
  const api = await startDemoApi({
    port: 0,
    dbPath: join(directory, "demo.db"),
    auth: { mcpTokenFormat: validation === "jwt" ? "jwt" : "opaque", mcpResources: [], ...options.auth },
  });
  const auth = api.auth;
  if (!auth) throw new Error("the demo API started without its authorization server");
  const server = createServer();
  const port = await listen(server);
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  auth.allowResource(mcpUrl);
  const settings = testServerSettings(api.url, {
    TOOLWRIGHT_OAUTH_ISSUER: auth.issuer,
    TOOLWRIGHT_OAUTH_VALIDATION: validation,
    TOOLWRIGHT_OAUTH_RESOURCE: mcpUrl,
    TOOLWRIGHT_OAUTH_CLIENT_SECRET: auth.clients.mcpServer.secret,
    TOOLWRIGHT_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const upstreamRequests: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    upstreamRequests.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  const app = createHttpApp({ ...demoServer(settings).options, fetch: countingFetch, ...options.server });
  server.on("request", getRequestListener(app.fetch));
  return {
    api,
    issuer: auth.issuer,
    mcpUrl,
    upstreamRequests,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await api.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
