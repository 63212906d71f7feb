import { isRecord } from "@toolwright/core/internal";
import { analyticsError } from "../analytics-error.js";
import type { ParameterOwnership } from "../recorder/analytics-parameters.js";

/** A JSON-RPC request handler as both SDK majors store it. */
export type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/** The low-level protocol object whose handler map gets wrapped. */
interface ProtocolTarget {
  _requestHandlers: Map<string, RequestHandler>;
  getClientVersion?: () => { name?: string; version?: string } | undefined;
}

/** What instrumenting needs from a server of either SDK major, high-level or low-level. */
export interface ServerTarget {
  protocol: ProtocolTarget;
  /** For a high-level McpServer: which analytics arguments a registered tool declares itself. */
  declaredParameters(toolName: string): ParameterOwnership | undefined;
  /** For a high-level McpServer: whether a real tool of this name is registered. */
  hasRegisteredTool(toolName: string): boolean;
  /** For a high-level McpServer: a registered tool's description. */
  toolDescription(toolName: string): string | undefined;
}

function isProtocol(value: unknown): value is ProtocolTarget {
  return isRecord(value) && value._requestHandlers instanceof Map;
}

/**
 * Finds the low-level protocol object: the server itself (`Server`, 1.x or 2.x), or the `server`
 * inside a high-level `McpServer`, whose tool registry then answers ownership questions.
 */
export function resolveServerTarget(server: object): ServerTarget {
  if (isProtocol(server)) {
    return {
      protocol: server,
      declaredParameters: () => undefined,
      hasRegisteredTool: () => false,
      toolDescription: () => undefined,
    };
  }
  const inner = (server as { server?: unknown }).server;
  if (isProtocol(inner)) {
    const registry = () =>
      (server as { _registeredTools?: Record<string, { inputSchema?: unknown; description?: unknown }> })
        ._registeredTools ?? {};
    return {
      protocol: inner,
      declaredParameters: (toolName) => {
        const tool = registry()[toolName];
        if (!tool) return undefined;
        return {
          context: declaresProperty(tool.inputSchema, "context"),
          conversationId: declaresProperty(tool.inputSchema, "conversation_id"),
          llmModel: declaresProperty(tool.inputSchema, "llm_model"),
        };
      },
      hasRegisteredTool: (toolName) => toolName in registry(),
      toolDescription: (toolName) => {
        const description = registry()[toolName]?.description;
        return typeof description === "string" ? description : undefined;
      },
    };
  }
  throw analyticsError(
    "invalid_config",
    "instrument() needs an MCP server: an McpServer or Server from @modelcontextprotocol/sdk 1.x or @modelcontextprotocol/server 2.x.",
  );
}

// Zod 4 and 3 objects expose `shape` (3 behind `_def.shape()`); JSON Schemas expose `properties`.
function declaresProperty(schema: unknown, name: string): boolean {
  if (!isRecord(schema)) return false;
  const shape =
    schema.shape ??
    (isRecord(schema._def) && typeof schema._def.shape === "function" ? schema._def.shape() : undefined);
  if (isRecord(shape)) return name in shape;
  if (isRecord(schema.properties)) return name in schema.properties;
  return false;
}
