import { type ListToolsResult, ProtocolError, ProtocolErrorCode, Server } from "@modelcontextprotocol/server";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/server/validators/ajv";
import { isRecord } from "@toolwright/core/internal";
import type { AdvertisedTool } from "../calls/advertised-tool.js";
import type { ToolResult } from "../calls/tool-result.js";

import { deferredTools, type ListDeferral } from "./list-splice.js";

/** What the protocol layer asks of the runtime; everything SDK-specific stays in this folder. */
export interface McpHandlers {
  listTools(): Promise<readonly AdvertisedTool[]>;
  callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult>;
}

/** The SDK server type, exposed for instrumentation hooks (e.g. `@toolwright/analytics`). */
export type McpServer = Server;

/** Name and version the server reports in `initialize` and `server/discover`. */
export interface McpServerInfo {
  name: string;
  version: string;
  instructions?: string;
  /** How long a client may reuse a `tools/list` answer (2026-07-28 `ttlMs`); default 60 000 ms. */
  listTtlMs?: number;
}

// The SDK only validates elicitation answers with it, but builds one per server when none is
// given; one shared instance keeps that cost out of every request.
const sharedValidator = new AjvJsonSchemaValidator();

// The whole list fits in one page, so no cursor this server hands out exists.
function refuseCursor(params: unknown): void {
  if (isRecord(params) && params.cursor !== undefined) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      "Invalid cursor: this server returns every tool on the first page and issues no cursors.",
    );
  }
}

function argumentsOf(params: { arguments?: unknown }): Record<string, unknown> {
  const args = params.arguments;
  if (args === undefined) return {};
  if (!isRecord(args) || Array.isArray(args)) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      "Invalid params: `arguments` must be a JSON object.",
    );
  }
  return args;
}

/**
 * A low-level SDK Server that advertises the catalog's JSON Schemas exactly as they are
 * (no round trip through Zod) and routes calls to the runtime. The same instance shape serves
 * the 2025 revisions (after `initialize`) and 2026-07-28 (per-request `_meta`).
 */
export function createMcpServer(
  info: McpServerInfo,
  handlers: McpHandlers,
  deferral?: ListDeferral,
): McpServer {
  const server = new Server(
    { name: info.name, version: info.version },
    {
      capabilities: { tools: { listChanged: false } },
      ...(info.instructions ? { instructions: info.instructions } : {}),
      jsonSchemaValidator: sharedValidator,
      // The list depends on the caller's scopes, so only the caller may keep it.
      cacheHints: { "tools/list": { ttlMs: info.listTtlMs ?? 60_000, cacheScope: "private" } },
    },
  );
  server.setRequestHandler("tools/list", async (request) => {
    refuseCursor(request.params);
    const tools = await handlers.listTools();
    // Over HTTP the transport splices in the list's cached JSON (see list-splice.ts).
    // The catalog's schemas are JSON by construction; the SDK types them as JSON values.
    return { tools: deferral ? deferredTools(tools, deferral) : [...tools] } as ListToolsResult;
  });
  server.setRequestHandler("tools/call", async (request, context) => {
    const args = argumentsOf(request.params);
    const result = await handlers.callTool(request.params.name, args, context.mcpReq.signal);
    return { ...result };
  });
  return server;
}
