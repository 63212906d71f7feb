export type { AnalyticsErrorCode } from "./analytics-error.js";
export {
  type AnalyticsEvent,
  AnalyticsEventSchema,
  type CustomEvent,
  CustomEventSchema,
} from "./events/analytics-event.js";
export { UUIDV7_PATTERN, uuidv7 } from "./events/uuidv7.js";
export {
  type IntentSource,
  LIBRARY_NAME,
  LIBRARY_VERSION,
  MCP_SOURCE,
  McpEventName,
  McpProperty,
} from "./events/vocabulary.js";
export { type InstrumentOptions, instrument } from "./instrument/instrument.js";
export {
  addClientInfoReader,
  type ClientInfoReader,
  type RequestClientInfo,
} from "./instrument/request-context.js";
export {
  DEFAULT_QUEUE_OPTIONS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type QueueOptions,
  type QueueStats,
  type ShutdownOptions,
  type ShutdownReport,
} from "./queue/event-queue.js";
export {
  CONTEXT_PARAMETER,
  CONVERSATION_ID_PARAMETER,
  type ListedTool,
  type ParameterOwnership,
} from "./recorder/analytics-parameters.js";
export type { ErrorClassification, ErrorKind } from "./recorder/error-kind.js";
export {
  type CollectFeedbackOptions,
  DEFAULT_FEEDBACK_TOOL_NAME,
  type FeedbackExtraPropertySchema,
  type FeedbackReport,
  parseFeedback,
} from "./recorder/feedback.js";
export type {
  IdentifyExtra,
  IdentifyFunction,
  IdentifyRequest,
  IdentifyResult,
  Identity,
  McpRequestLike,
} from "./recorder/identity.js";
export {
  type AnalyticsOptions,
  DEFAULT_CONTEXT_DESCRIPTION,
  DEFAULT_MISSING_TOOL_NAME,
  type EventProperties,
  type EventPropertiesInput,
  type IntentFallback,
  type ToolInfo,
  type UnwrappedToolCall,
  type UnwrapTool,
} from "./recorder/options.js";
export type {
  InitializeInput,
  MissingCapabilityInput,
  SessionInput,
  ToolCallInput,
  ToolsListInput,
} from "./recorder/record-inputs.js";
export {
  type AnalyticsHandle,
  createRecorder,
  type PreparedToolCall,
  Recorder,
} from "./recorder/recorder.js";
export { DEFAULT_MAX_EVENT_BYTES, fitEventSize } from "./redaction/fit-event-size.js";
export {
  DEFAULT_SANITIZE_LIMITS,
  type JsonValue,
  type SanitizeLimits,
  type SanitizeOptions,
  sanitize,
} from "./redaction/sanitize.js";
export { REDACTED, redactString } from "./redaction/secret-patterns.js";
export { isSensitiveKey } from "./redaction/sensitive-keys.js";
export { type LoadedEvents, loadEvents, parseEventLines } from "./report/load-events.js";
export { renderHtmlReport } from "./report/render-html.js";
export { renderTerminalReport } from "./report/render-terminal.js";
export { type Counted, summarizeEvents, type ToolUsage, type UsageSummary } from "./report/summarize.js";
export { createFunctionSink } from "./sinks/function-sink.js";
export {
  createJsonlFileSink,
  DEFAULT_EVENTS_FILE,
  DEFAULT_JSONL_MAX_BYTES,
  type JsonlFileSinkOptions,
} from "./sinks/jsonl-file-sink.js";
export { createMemorySink, type MemorySink } from "./sinks/memory-sink.js";
export { createPostHogSink, DEFAULT_POSTHOG_HOST, type PostHogSinkOptions } from "./sinks/posthog-sink.js";
export type { Sink } from "./sinks/sink.js";
