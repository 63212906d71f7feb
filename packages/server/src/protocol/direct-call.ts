import { isJsonContentType, ProtocolErrorCode } from "@modelcontextprotocol/server";
import { isRecord } from "@toolwright/core/internal";
import type { McpServer } from "./mcp-server.js";

// The 2025-era revisions that have no JSON-RPC batches (2025-03-26 has them: it keeps the transport).
const DIRECT_VERSIONS = new Set(["2025-11-25", "2025-06-18"]);

const MESSAGE_KEYS = new Set(["jsonrpc", "id", "method", "params"]);

/** The parts of a lone `tools/call` request the direct route needs. */
interface DirectCall {
  id: string | number;
  params: Record<string, unknown>;
}

/** The SDK stores each method's handler here, wrapped with its request and result validation. */
type StoredHandler = (request: unknown, context: unknown) => Promise<unknown>;

/**
 * A lone 2025-era `tools/call` that the SDK's stateless transport would accept as it is (Accept,
 * Content-Type and version headers, a JSON-RPC request with an id); anything else returns undefined
 * and goes through the transport, which words every refusal.
 */
export function directCallOf(request: Request, body: unknown): DirectCall | undefined {
  if (!isRecord(body) || body.jsonrpc !== "2.0" || body.method !== "tools/call" || !isRecord(body.params)) {
    return undefined;
  }
  // Only the plain shape: other keys, or a `_meta` (progress tokens and the like), take the
  // transport, whose message schema may refuse them differently from the handler's.
  if (Object.keys(body).some((key) => !MESSAGE_KEYS.has(key)) || body.params._meta !== undefined)
    return undefined;
  const { id } = body;
  if (typeof id !== "string" && !(typeof id === "number" && Number.isInteger(id))) return undefined;
  const { headers } = request;
  const accept = headers.get("accept");
  if (!accept?.includes("application/json") || !accept.includes("text/event-stream")) return undefined;
  if (!isJsonContentType(headers.get("content-type"))) return undefined;
  if (!DIRECT_VERSIONS.has(headers.get("mcp-protocol-version") ?? "")) return undefined;
  if (headers.has("mcp-session-id")) return undefined;
  return { id, params: body.params };
}

/**
 * Answers a lone 2025-era `tools/call` by calling the server's stored handler (the SDK's request
 * and result validation, and any instrumentation wrapped around it) without the transport and
 * protocol dispatch around it, which cost more per call than the tool's own work on small results.
 * The handler sees the context the SDK's stateless JSON transport gives it, and the answer is the
 * JSON-RPC body and status that transport sends.
 */
export async function answerDirectCall(
  server: McpServer,
  request: Request,
  call: DirectCall,
): Promise<Response> {
  const handler = (
    server as unknown as { _requestHandlers: Map<string, StoredHandler> }
  )._requestHandlers.get("tools/call");
  if (!handler) throw new Error("the MCP server has no tools/call handler");
  const abort = new AbortController();
  const context = {
    sessionId: undefined,
    mcpReq: {
      id: call.id,
      method: "tools/call",
      _meta: undefined,
      // The transport's "no state" accessor: a 2025-era request carries no requestState.
      requestState: () => undefined,
      signal: abort.signal,
      // A JSON answer carries no messages before the result: notifications and log lines have
      // nowhere to go (the transport drops them the same way), and requests to the client cannot be made.
      notify: async () => {},
      log: async () => {},
      send: async () => {
        throw new Error("Requests to the client need a session; this server is stateless.");
      },
      elicitInput: (params: never, options?: never) => server.elicitInput(params, options),
      requestSampling: (params: never, options?: never) => server.createMessage(params, options),
    },
    http: { req: request },
  };
  const request_ = { jsonrpc: "2.0", id: call.id, method: "tools/call", params: call.params };
  let message: unknown;
  try {
    message = { result: await handler(request_, context), jsonrpc: "2.0", id: call.id };
  } catch (error) {
    const { code, message: text, data } = error as { code?: unknown; message?: unknown; data?: unknown };
    const thrown = Number.isSafeInteger(code) ? (code as number) : ProtocolErrorCode.InternalError;
    message = {
      jsonrpc: "2.0",
      id: call.id,
      error: {
        // As the SDK's 2025 codec words it: -32002 (resource not found) became -32602 there.
        code: thrown === -32002 ? -32602 : thrown,
        message: text ?? "Internal error",
        ...(data !== undefined && { data }),
      },
    };
  }
  // As bytes with plain headers: the HTTP layer writes them as they are (a string answer would be
  // measured, joined to the headers and encoded again, and a Headers object built for one field).
  return new Response(Buffer.from(JSON.stringify(message), "utf8"), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}
