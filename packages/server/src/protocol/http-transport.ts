import { createMcpHandler, isLegacyRequest } from "@modelcontextprotocol/server";
import { handleLegacyRequest } from "./legacy-http.js";
import type { McpServer } from "./mcp-server.js";

/** Builds the MCP server for one HTTP request; `undefined` when the request was not prepared. */
export type RequestServerFactory = (request: Request) => McpServer | undefined;

/** Serves one already read and parsed MCP POST. */
export type StatelessMcpHandler = (request: Request, parsedBody: unknown) => Promise<Response>;

/**
 * Streamable HTTP on one endpoint for every revision, each request with its own server so
 * callers never share state. 2026-07-28 goes through the SDK's `createMcpHandler` (per-request
 * `_meta` validated, `server/discover`, `MCP-Protocol-Version` / `Mcp-Method` / `Mcp-Name`
 * checked against the body); 2025-era requests (after `initialize`) through the stateless
 * transport, with JSON answers as before.
 */
export function createStatelessHandler(serverFor: RequestServerFactory): StatelessMcpHandler {
  const serverOf = (request: Request | undefined): McpServer => {
    const server = request ? serverFor(request) : undefined;
    if (!server) throw new Error("MCP request reached the SDK handler without a prepared session");
    return server;
  };
  const modern = createMcpHandler(({ requestInfo }) => serverOf(requestInfo), {
    legacy: "reject",
    // Tools never send messages before their result, so every answer is one JSON body.
    responseMode: "auto",
  });
  return async (request, parsedBody) => {
    if (await isLegacyRequest(request, parsedBody)) {
      return handleLegacyRequest(serverOf(request), request, parsedBody);
    }
    return modern.fetch(request, { parsedBody });
  };
}
