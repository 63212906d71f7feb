import { createMcpHandler, isLegacyRequest } from "@modelcontextprotocol/server";
import { handleLegacyRequest } from "./legacy-http.js";
import type { McpServer } from "./mcp-server.js";

/** Serves one already read and parsed MCP POST for a session the caller has resolved. */
export type StatelessMcpHandler<Session> = (
  request: Request,
  session: Session,
  parsedBody: unknown,
) => Promise<Response>;

/**
 * Streamable HTTP on one endpoint for every revision, each request with its own server (from
 * `serverFor`) so callers never share state. 2026-07-28 goes through the SDK's `createMcpHandler`
 * (per-request `_meta` validated, `server/discover`, `MCP-Protocol-Version` / `Mcp-Method` /
 * `Mcp-Name` checked against the body); 2025-era requests (after `initialize`) through the
 * stateless transport, with JSON answers as before.
 */
export function createStatelessHandler<Session extends object>(
  serverFor: (session: Session) => McpServer,
): StatelessMcpHandler<Session> {
  // The SDK hands its factory the request object it was given, which is how a session reaches it.
  const sessions = new WeakMap<Request, Session>();
  const serverOf = (request: Request | undefined): McpServer => {
    const session = request ? sessions.get(request) : undefined;
    if (!session) throw new Error("MCP request reached the SDK handler without a prepared session");
    return serverFor(session);
  };
  const modern = createMcpHandler(({ requestInfo }) => serverOf(requestInfo), {
    legacy: "reject",
    // Tools never send messages before their result, so every answer is one JSON body.
    responseMode: "auto",
  });
  return async (request, session, parsedBody) => {
    sessions.set(request, session);
    if (await isLegacyRequest(request, parsedBody)) {
      return handleLegacyRequest(serverOf(request), request, parsedBody);
    }
    return modern.fetch(request, { parsedBody });
  };
}
