import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { AdvertisedTool } from "../calls/advertised-tool.js";
import type { ToolResult } from "../calls/tool-result.js";

/** What the protocol layer asks of the runtime; everything SDK-specific stays in this folder. */
export interface McpHandlers {
  listTools(): Promise<readonly AdvertisedTool[]>;
  callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult>;
}

/** The SDK server type, exposed for instrumentation hooks (e.g. `@toolwright/analytics`). */
export type McpServer = Server;

/** Name and version the server reports in `initialize`. */
export interface McpServerInfo {
  name: string;
  version: string;
  instructions?: string;
}

/**
 * A low-level SDK Server that advertises the catalog's JSON Schemas exactly as they are
 * (no round trip through Zod) and routes calls to the runtime.
 */
export function createMcpServer(info: McpServerInfo, handlers: McpHandlers): McpServer {
  const server = new Server(
    { name: info.name, version: info.version },
    {
      capabilities: { tools: { listChanged: false } },
      ...(info.instructions ? { instructions: info.instructions } : {}),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...(await handlers.listTools())],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const result = await handlers.callTool(request.params.name, request.params.arguments ?? {}, extra.signal);
    return { ...result };
  });
  return server;
}
