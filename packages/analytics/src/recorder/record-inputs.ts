import type { IntentSource } from "../events/vocabulary.js";
import type { Identity } from "./identity.js";

/** Identifies the session a record belongs to; every field is optional. */
export interface SessionInput {
  /** The session id (a transport's session); without it, see `fallbackSessionId`. */
  sessionId?: string;
  /**
   * The session of a server instance without a transport session (stdio, in-memory). Ignored when the
   * request came over HTTP (`headers` set): there each request may have its own server instance, so the
   * session is derived from the caller and client instead (30 minutes of inactivity end it).
   */
  fallbackSessionId?: string;
  /** The caller, when the server already knows it (e.g. resolved from the request's credential). */
  identity?: Identity;
  clientName?: string;
  clientVersion?: string;
  protocolVersion?: string;
  /** Passed to `identify` the first time the session is seen. */
  authInfo?: unknown;
  headers?: Record<string, string>;
  meta?: unknown;
  /** The JSON-RPC request; passed to `identify` (with `extra`) the first time the session is seen. */
  request?: unknown;
  /** The SDK's handler context of the request (`extra` on 1.x, `ctx` on 2.x), for `identify`. */
  extra?: unknown;
}

/** One finished tool call. */
export interface ToolCallInput extends SessionInput {
  toolName: string;
  arguments?: unknown;
  /** The MCP result; an `isError: true` result counts as an error. */
  result?: unknown;
  /** What the handler threw, if it threw. */
  error?: unknown;
  durationMs?: number;
  intent?: string;
  intentSource?: IntentSource;
  conversationId?: string;
  /** The tool's description, when the caller knows it (otherwise learned from `tools/list`). */
  toolDescription?: string;
  /** The calling model, with the `captureModel` option. */
  llmModel?: string;
  llmModelSource?: "client_metadata" | "self_reported";
  /** An intent inferred by `intentFallback`, settled off the request path. */
  inferredIntent?: Promise<string | null | undefined>;
  /** The JSON-RPC request, recorded as `$mcp_parameters` (`{ request: { id, jsonrpc, method, params } }`). */
  request?: unknown;
}

/** One answered `tools/list`. */
export interface ToolsListInput extends SessionInput {
  toolNames: string[];
  durationMs?: number;
  request?: unknown;
  /** The `tools/list` result as sent, recorded as `$mcp_response` with `captureResponse`. */
  result?: unknown;
}

/** One answered `initialize`. */
export interface InitializeInput extends SessionInput {
  durationMs?: number;
  request?: unknown;
  result?: unknown;
  serverName?: string;
  serverVersion?: string;
}

/** One capability an agent reported missing (a `get_more_tools` call). */
export interface MissingCapabilityInput extends SessionInput {
  /** What the agent was trying to do. */
  context: string;
  /** The virtual tool's name; defaults to the configured one. */
  toolName?: string;
}
