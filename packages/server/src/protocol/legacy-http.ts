import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
import type { McpServer } from "./mcp-server.js";

// Batching entered MCP with 2025-03-26 and left with 2025-06-18; a request without the version
// header is 2025-03-26 by the specification's own fallback rule.
const BATCHING_VERSIONS = new Set(["2025-03-26", "2024-11-05", "2024-10-07"]);

/** The JSON-RPC error for a batch sent under a revision that has none, or undefined when allowed. */
function refusedBatch(request: Request, parsedBody: unknown): Response | undefined {
  if (!Array.isArray(parsedBody)) return undefined;
  const version = request.headers.get("mcp-protocol-version");
  if (version === null || BATCHING_VERSIONS.has(version)) return undefined;
  return Response.json(
    {
      jsonrpc: "2.0",
      error: {
        code: -32600,
        message: `Invalid Request: JSON-RPC batches are not part of MCP ${version}; send one message per request.`,
      },
      id: null,
    },
    { status: 400 },
  );
}

/**
 * One 2025-era POST answered by a fresh server over the SDK's Streamable HTTP transport in
 * stateless mode (no session id), as a single JSON body; both are closed afterwards.
 */
export async function handleLegacyRequest(
  server: McpServer,
  request: Request,
  parsedBody: unknown,
): Promise<Response> {
  const refused = refusedBatch(request, parsedBody);
  if (refused) return refused;
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await server.connect(transport);
  let response: Response | undefined;
  try {
    response = await transport.handleRequest(request, { parsedBody });
    return response;
  } finally {
    // A JSON answer is complete once handleRequest resolves: its handlers have all returned, so the
    // server and transport hold nothing and are left to the garbage collector. Closing them would
    // only build the SDK's "Connection closed" error (with its stack) for nobody, on every request.
    if (!isCompleteJson(response)) await server.close();
  }
}

function isCompleteJson(response: Response | undefined): boolean {
  return response?.headers.get("content-type")?.startsWith("application/json") === true;
}
