/**
 * Event names, wire-compatible with PostHog's MCP analytics so its dashboards work unchanged.
 */
export const McpEventName = {
  initialize: "$mcp_initialize",
  toolsList: "$mcp_tools_list",
  toolCall: "$mcp_tool_call",
  missingCapability: "$mcp_missing_capability",
  exception: "$exception",
  identify: "$identify",
} as const;

/** One of the `$mcp_*` (or `$exception` / `$identify`) event names this package emits. */
export type McpEventName = (typeof McpEventName)[keyof typeof McpEventName];

/** Property names, wire-compatible with PostHog's MCP analytics, plus Toolwright's catalog ones. */
export const McpProperty = {
  toolName: "$mcp_tool_name",
  /** The wrapper tool a call went through (e.g. compact mode's `call-tool`), with the `unwrapTool` option. */
  viaTool: "$mcp_via_tool",
  durationMs: "$mcp_duration_ms",
  isError: "$mcp_is_error",
  errorMessage: "$mcp_error_message",
  errorType: "$mcp_error_type",
  parameters: "$mcp_parameters",
  response: "$mcp_response",
  intent: "$mcp_intent",
  intentSource: "$mcp_intent_source",
  conversationId: "$mcp_conversation_id",
  clientName: "$mcp_client_name",
  clientVersion: "$mcp_client_version",
  serverName: "$mcp_server_name",
  serverVersion: "$mcp_server_version",
  protocolVersion: "$mcp_protocol_version",
  listedToolNames: "$mcp_listed_tool_names",
  sessionId: "$session_id",
  toolCategory: "$mcp_tool_category",
  toolFeature: "$mcp_tool_feature",
  library: "$lib",
  libraryVersion: "$lib_version",
  exceptionList: "$exception_list",
  set: "$set",
  processPersonProfile: "$process_person_profile",
} as const;

/** Where `$mcp_intent` came from: the injected `context` argument, or the `get_more_tools` call. */
export type IntentSource = "context_parameter" | "missing_capability";

/** The library name stamped on every event as `$lib`. */
export const LIBRARY_NAME = "@toolwright/analytics";

/** Stamped as `$lib_version`; kept in step with package.json by a test. */
export const LIBRARY_VERSION = "0.0.0";
