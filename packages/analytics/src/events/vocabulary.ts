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
  feedback: "$mcp_feedback",
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
  /** Always `posthog_mcp_analytics`: PostHog's MCP views filter on it. */
  source: "$mcp_source",
  /** The tool (or resource) an event is about, as the reference SDK names it. */
  resourceName: "$mcp_resource_name",
  toolDescription: "$mcp_tool_description",
  /** The raw `User-Agent` of the HTTP request (tells a vendor's surfaces apart). */
  clientUserAgent: "$mcp_client_user_agent",
  /** The raw `x-anthropic-client` header. */
  vendorClient: "$mcp_vendor_client",
  /** True on every event: PostHog treats the sender as a server. */
  isServer: "$is_server",
  /** True on every event: PostHog must not geolocate the server's IP address. */
  geoipDisable: "$geoip_disable",
  groups: "$groups",
  exceptionLevel: "$exception_level",
  /** Why a call failed, for reports: scope_refusal, guard_refusal, invalid_arguments, upstream_4xx... */
  errorKind: "$mcp_error_kind",
  /** The guard that refused a call (with `errorKind: guard_refusal`). */
  guardType: "$mcp_guard_type",
  llmModel: "$mcp_llm_model",
  llmModelSource: "$mcp_llm_model_source",
  feedbackType: "$mcp_feedback_type",
  feedbackSummary: "$mcp_feedback_summary",
  feedbackSentiment: "$mcp_feedback_sentiment",
  feedbackFrictionPoints: "$mcp_feedback_friction_points",
  feedbackSuggestedImprovement: "$mcp_feedback_suggested_improvement",
  feedbackDetails: "$mcp_feedback_details",
  feedbackTool: "$mcp_feedback_tool",
  feedbackTaskCompleted: "$mcp_feedback_task_completed",
} as const;

/** The `$mcp_source` value of every event, as PostHog's MCP analytics expect it. */
export const MCP_SOURCE = "posthog_mcp_analytics";

/** Where `$mcp_intent` came from: the injected `context` argument, or the `get_more_tools` call. */
export type IntentSource = "context_parameter" | "missing_capability" | "inferred";

/** The library name stamped on every event as `$lib`. */
export const LIBRARY_NAME = "@toolwright/analytics";

/** Stamped as `$lib_version`; kept in step with package.json by a test. */
export const LIBRARY_VERSION = "0.0.0";
