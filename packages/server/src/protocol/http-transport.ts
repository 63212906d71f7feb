import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { McpServer } from "./mcp-server.js";

/**
 * Answers one Streamable HTTP request with a fresh server and transport (stateless mode: no
 * session id, nothing kept between requests, so callers never share state), then closes both.
 */
export async function handleStatelessRequest(
  server: McpServer,
  request: Request,
  parsedBody: unknown,
): Promise<Response> {
  // No sessionIdGenerator: stateless mode.
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request, { parsedBody });
  } finally {
    // JSON responses are complete once handleRequest resolves, so closing cannot cut one off.
    await server.close();
  }
}
