import type { IntentSource } from "../events/vocabulary.js";

/** Identifies the session a record belongs to; every field is optional. */
export interface SessionInput {
  /** The session id; the recorder's own default session is used when absent. */
  sessionId?: string;
  clientName?: string;
  clientVersion?: string;
  protocolVersion?: string;
  /** Passed to `identify` the first time the session is seen. */
  authInfo?: unknown;
  headers?: Record<string, string>;
  meta?: unknown;
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
}

/** One answered `tools/list`. */
export interface ToolsListInput extends SessionInput {
  toolNames: string[];
  durationMs?: number;
}

/** One answered `initialize`. */
export interface InitializeInput extends SessionInput {
  durationMs?: number;
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
