import { isRecord } from "@toolwright/core/internal";
import { type CustomEvent, CustomEventSchema } from "../events/analytics-event.js";
import { uuidv7 } from "../events/uuidv7.js";
import { McpEventName, McpProperty } from "../events/vocabulary.js";
import {
  EventQueue,
  type QueueStats,
  type ShutdownOptions,
  type ShutdownReport,
} from "../queue/event-queue.js";
import { requestCredentials } from "../redaction/request-credentials.js";
import {
  type ExtractedParameters,
  extractParameters,
  injectParameters,
  type ListedTool,
  ownershipOf,
  type ParameterOwnership,
} from "./analytics-parameters.js";
import { buildEvents } from "./build-events.js";
import { type FeedbackReport, feedbackProperties, feedbackTool } from "./feedback.js";
import {
  IdentifiedCallers,
  type IdentifyRequest,
  type Identity,
  requestFields,
  toIdentity,
} from "./identity.js";
import { type AnalyticsOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import type { PendingRecord } from "./pending-record.js";
import type {
  InitializeInput,
  MissingCapabilityInput,
  SessionInput,
  ToolCallInput,
  ToolsListInput,
} from "./record-inputs.js";
import { fullHeaders } from "./request-headers.js";
import { ClientDirectory, credentialKey, DerivedSessions } from "./session-resolver.js";
import { type SessionState, SessionStore } from "./session-store.js";
import { errorMessageOf, errorTypeOf, toolOutcome } from "./tool-result.js";

/** What `instrument` returns: send custom events, flush, and shut down. */
export interface AnalyticsHandle {
  /** Queues a custom event (`{ event, properties?, distinctId?, sessionId? }`). */
  capture(event: CustomEvent): void;
  /** Sends everything queued so far; resolves when the sink has it. Never rejects. */
  flush(): Promise<void>;
  /**
   * Flushes within a deadline (`timeoutMs`, default 5000), stops recording and shuts the sink down;
   * reports what it had to drop. Never rejects.
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport>;
  /** Counters: queued, sent, dropped, failed, filtered. */
  stats(): QueueStats;
}

/** A tool call prepared for dispatch: analytics arguments read and removed. */
export interface PreparedToolCall extends ExtractedParameters {
  /** True when the call is to the `get_more_tools` virtual tool: answer it with `missingCapabilityResult()`. */
  isMissingCapability: boolean;
  /** True when the call is to the `send_feedback` virtual tool (`collectFeedback`): record it with `recordFeedback()`. */
  isFeedback: boolean;
}

/**
 * Records MCP usage as `$mcp_*` events. `instrument()` drives one from a server's handlers; custom
 * dispatchers call the `record*` and `prepare*` methods themselves.
 */
export class Recorder implements AnalyticsHandle {
  readonly options: ResolvedOptions;
  readonly #queue: EventQueue<PendingRecord>;
  readonly #sessions: SessionStore;
  readonly #ownership = new Map<string, ParameterOwnership>();
  readonly #defaultSessionId = uuidv7();
  readonly #derivedSessions = new DerivedSessions();
  readonly #clients = new ClientDirectory();
  readonly #identified = new IdentifiedCallers();
  readonly #descriptions = new Map<string, string>();
  #serverInfo: { name?: string | undefined; version?: string | undefined };

  constructor(options: AnalyticsOptions) {
    this.options = resolveOptions(options);
    this.#sessions = new SessionStore(this.options.sampleRate);
    this.#serverInfo = { ...this.options.serverInfo };
    this.#queue = new EventQueue(
      this.options.queue,
      this.options.sink,
      (records) => this.#build(records),
      this.options.onError,
    );
  }

  /** Records an answered `initialize`. */
  recordInitialize(input: InitializeInput): void {
    if (input.serverName !== undefined)
      this.setServerInfo({ name: input.serverName, version: input.serverVersion });
    const session = this.session(input);
    const properties = withDuration({}, input.durationMs);
    if (this.options.captureParameters && input.request !== undefined)
      properties[McpProperty.parameters] = capturedRequest(input.request);
    if (this.options.captureResponse && input.result !== undefined)
      properties[McpProperty.response] = input.result;
    this.#push(McpEventName.initialize, session, undefined, properties, input);
  }

  /** Records an answered `tools/list` with the names it listed. */
  recordToolsList(input: ToolsListInput): void {
    const properties = withDuration(
      { [McpProperty.listedToolNames]: input.toolNames, [McpProperty.isError]: false },
      input.durationMs,
    );
    if (this.options.captureParameters && input.request !== undefined)
      properties[McpProperty.parameters] = capturedRequest(input.request);
    if (this.options.captureResponse && input.result !== undefined)
      properties[McpProperty.response] = input.result;
    this.#push(McpEventName.toolsList, this.session(input), undefined, properties, input);
  }

  /**
   * Records a finished tool call (and an `$exception` when the handler threw). With the `unwrapTool`
   * option, a call through a wrapper tool is recorded as the tool it ran, the wrapper in `$mcp_via_tool`.
   */
  recordToolCall(input: ToolCallInput): void {
    const session = this.session(input, input.conversationId);
    const outcome = toolOutcome(input.result, input.error);
    const unwrapped = this.#unwrap(input.toolName, input.arguments);
    const toolName = unwrapped?.name ?? input.toolName;
    const properties: Record<string, unknown> = withDuration(
      {
        [McpProperty.resourceName]: toolName,
        [McpProperty.toolName]: toolName,
        [McpProperty.isError]: outcome.isError,
      },
      input.durationMs,
    );
    const description = input.toolDescription ?? this.#descriptions.get(toolName);
    if (description !== undefined) properties[McpProperty.toolDescription] = description;
    if (unwrapped) properties[McpProperty.viaTool] = input.toolName;
    const args = unwrapped ? unwrapped.args : input.arguments;
    if (outcome.errorMessage !== undefined) properties[McpProperty.errorMessage] = outcome.errorMessage;
    if (outcome.errorType !== undefined) properties[McpProperty.errorType] = outcome.errorType;
    if (outcome.errorKind !== undefined) properties[McpProperty.errorKind] = outcome.errorKind;
    if (outcome.guardType !== undefined) properties[McpProperty.guardType] = outcome.guardType;
    if (this.options.captureParameters && args !== undefined)
      properties[McpProperty.parameters] = toolCallParameters(input.request, toolName, args);
    if (this.options.captureResponse && input.result !== undefined)
      properties[McpProperty.response] = input.result;
    if (input.intent !== undefined) {
      properties[McpProperty.intent] = input.intent;
      properties[McpProperty.intentSource] = input.intentSource ?? "context_parameter";
    }
    if (input.llmModel !== undefined) {
      properties[McpProperty.llmModel] = input.llmModel;
      properties[McpProperty.llmModelSource] = input.llmModelSource ?? "self_reported";
    }
    if (input.conversationId !== undefined) properties[McpProperty.conversationId] = input.conversationId;
    this.#push(McpEventName.toolCall, session, toolName, properties, input, {
      pendingIntent: input.intent === undefined ? input.inferredIntent : undefined,
    });
    if (outcome.isError && this.options.exceptionAutocapture) {
      this.#recordException(session, toolName, description, input.error ?? outcome.errorMessage, input, {
        synthetic: input.error === undefined,
      });
    }
  }

  /** Remembers tool descriptions (for `$mcp_tool_description`) from a tool list. */
  learnDescriptions(tools: readonly ListedTool[]): void {
    for (const tool of tools) {
      if (typeof tool?.name === "string" && typeof tool.description === "string")
        this.#descriptions.set(tool.name, tool.description);
    }
  }

  /** Records a capability the agent reported missing. */
  recordMissingCapability(input: MissingCapabilityInput): void {
    const toolName = input.toolName ?? this.options.missingToolName ?? "get_more_tools";
    const properties = {
      [McpProperty.toolName]: toolName,
      [McpProperty.intent]: input.context,
      [McpProperty.intentSource]: "missing_capability",
    };
    this.#push(McpEventName.missingCapability, this.session(input), toolName, properties, input);
  }

  /** Records one `send_feedback` report as `$mcp_feedback` (never as a tool call). */
  recordFeedback(
    input: SessionInput & { report: FeedbackReport; durationMs?: number; result?: unknown },
  ): void {
    const toolName = this.options.feedback?.toolName ?? "send_feedback";
    const properties: Record<string, unknown> = withDuration(
      {
        [McpProperty.resourceName]: toolName,
        [McpProperty.toolName]: toolName,
        [McpProperty.isError]: false,
        ...feedbackProperties(input.report),
      },
      input.durationMs,
    );
    if (properties[McpProperty.intent] !== undefined)
      properties[McpProperty.intentSource] = "context_parameter";
    if (this.options.captureResponse && input.result !== undefined)
      properties[McpProperty.response] = input.result;
    this.#push(McpEventName.feedback, this.session(input), toolName, properties, input);
  }

  /** Queues a custom event. */
  capture(event: CustomEvent): void {
    const parsed = CustomEventSchema.safeParse(event);
    if (!parsed.success) {
      this.options.onError(
        new Error(`capture() needs { event: string, properties?: object }: ${parsed.error.message}`),
      );
      return;
    }
    const { sessionId, distinctId, properties } = parsed.data;
    const session = sessionId === undefined ? undefined : this.session({ sessionId });
    if (session === undefined && this.options.sampleRate < 1 && Math.random() >= this.options.sampleRate) {
      this.#queue.countFiltered(1);
      return;
    }
    this.#enqueue({
      event: parsed.data.event,
      timestamp: Date.now(),
      session,
      toolName: undefined,
      properties: properties ?? {},
      distinctId,
    });
  }

  /**
   * Adds the analytics arguments (`context`, `conversation_id`) to each tool and, on the first page,
   * the `get_more_tools` virtual tool (unless a real tool has that name). For custom `tools/list` handlers.
   */
  prepareToolsList<Tool extends ListedTool>(tools: Tool[], options: { firstPage?: boolean } = {}): Tool[] {
    this.learnDescriptions(tools);
    const prepared = tools.map((tool) => {
      const injected = injectParameters(
        tool,
        this.options.contextDescription,
        this.options.conversationId,
        this.options.modelDescription,
      );
      this.#ownership.set(tool.name, injected.ownership);
      return injected.tool as Tool;
    });
    const missingName = this.options.missingToolName;
    const collides = tools.some((tool) => tool.name === missingName);
    if (missingName !== undefined && options.firstPage !== false && !collides) {
      prepared.push(this.missingCapabilityTool() as Tool);
    }
    const feedback = this.options.feedback;
    if (feedback && options.firstPage !== false && !tools.some((tool) => tool.name === feedback.toolName)) {
      prepared.push(feedbackTool(feedback.toolName, feedback.description, feedback.extras) as Tool);
    }
    return prepared;
  }

  /** True when the recorder knows which analytics arguments it owns on this tool (it listed or learned it). */
  knowsTool(toolName: string): boolean {
    return this.#ownership.has(toolName);
  }

  /**
   * Learns, from a server's own (un-prepared) tool list, which analytics arguments each tool does not
   * declare itself, so that calls on a server instance that never answered `tools/list` are stripped
   * exactly as if it had. The answer is cached per tool name and shared by every instrumented server.
   */
  learnTools(tools: readonly ListedTool[]): void {
    this.learnDescriptions(tools);
    for (const tool of tools) {
      if (typeof tool?.name !== "string") continue;
      this.#ownership.set(
        tool.name,
        ownershipOf(
          tool,
          this.options.contextDescription,
          this.options.conversationId,
          this.options.modelDescription,
        ),
      );
    }
  }

  /**
   * Reads and removes the analytics arguments of a call before dispatch. `declared` says which of
   * them the tool declares itself, for servers that did not list tools on this instance.
   */
  prepareToolCall(toolName: string, rawArguments: unknown, declared?: ParameterOwnership): PreparedToolCall {
    const known = this.#ownership.get(toolName);
    const ownership =
      known ??
      (declared
        ? {
            context: !declared.context,
            conversationId: !declared.conversationId,
            llmModel: declared.llmModel !== true,
          }
        : undefined);
    const extracted = extractParameters(rawArguments, ownership, {
      context: this.options.contextDescription !== undefined,
      conversationId: this.options.conversationId,
      llmModel: this.options.modelDescription !== undefined,
    });
    // Completed in place rather than copied: this runs on every call.
    const prepared = extracted as PreparedToolCall;
    prepared.isMissingCapability =
      toolName === this.options.missingToolName && !this.#ownership.has(toolName);
    prepared.isFeedback = toolName === this.options.feedback?.toolName && !this.#ownership.has(toolName);
    return prepared;
  }

  /** The descriptor of the `get_more_tools` virtual tool. */
  missingCapabilityTool(): ListedTool {
    return {
      name: this.options.missingToolName ?? "get_more_tools",
      description: this.options.missingToolDescription,
      inputSchema: {
        type: "object",
        properties: {
          context: {
            type: "string",
            description: "What you were trying to do, and what kind of tool would help.",
          },
        },
        required: ["context"],
      },
      annotations: {
        title: "Get more tools",
        readOnlyHint: true,
        idempotentHint: true,
        destructiveHint: false,
        openWorldHint: false,
      },
    };
  }

  /** The answer to a `get_more_tools` call. */
  missingCapabilityResult(): { content: { type: "text"; text: string }[] } {
    return {
      content: [
        {
          type: "text",
          text: "That is the full tool list for now. Your request was recorded so the tool list can be improved; continue with the tools available.",
        },
      ],
    };
  }

  /** Sets the server name and version stamped on every event. */
  setServerInfo(info: { name?: string | undefined; version?: string | undefined }): void {
    if (info.name !== undefined) this.#serverInfo.name = info.name;
    if (info.version !== undefined) this.#serverInfo.version = info.version;
  }

  /**
   * The session of a record, created (and identified, once) on first sight: the transport's session,
   * else the conversation id, else (over HTTP without a session) one derived from the caller and the
   * client's name and version with a 30-minute inactivity window, else the server instance's own.
   */
  session(input: SessionInput, conversationId?: string): SessionState {
    const identity = input.identity ?? this.options.staticIdentity;
    const userAgent = input.headers?.["user-agent"];
    const caller = input.headers === undefined ? undefined : this.#callerKey(input, identity);
    if (caller !== undefined) this.#learnClient(input, caller, userAgent);
    const id =
      input.sessionId ??
      conversationId ??
      (caller === undefined
        ? (input.fallbackSessionId ?? this.#defaultSessionId)
        : this.#derivedSessions.sessionFor({
            caller,
            clientName: input.clientName,
            clientVersion: input.clientVersion,
          }));
    const session = this.#sessions.get(id);
    if (input.clientName !== undefined) session.clientName = input.clientName;
    if (input.clientVersion !== undefined) session.clientVersion = input.clientVersion;
    if (input.protocolVersion !== undefined) session.protocolVersion = input.protocolVersion;
    if (identity === undefined && session.identity === undefined && this.options.identify)
      session.identity = this.#identify(session, input);
    return session;
  }

  // The caller a stateless request belongs to: its identity, else a hash of its credential.
  #callerKey(input: SessionInput, identity: Identity | undefined): string {
    if (identity !== undefined) return identity.distinctId;
    const credential = credentialsOf(input)[0];
    return credential === undefined ? "anonymous" : credentialKey(credential);
  }

  // A stateless request without client info (2025 revisions after initialize) inherits the last one
  // seen for the same caller and user agent; one that carries it (initialize, 2026 `_meta`) records it.
  #learnClient(input: SessionInput, caller: string, userAgent: string | undefined): void {
    if (input.clientName !== undefined) {
      this.#clients.remember(caller, userAgent, {
        name: input.clientName,
        ...(input.clientVersion === undefined ? {} : { version: input.clientVersion }),
        ...(input.protocolVersion === undefined ? {} : { protocolVersion: input.protocolVersion }),
      });
      return;
    }
    const known = this.#clients.lookup(caller, userAgent);
    if (known?.name !== undefined) input.clientName = known.name;
    if (known?.version !== undefined) input.clientVersion = known.version;
    if (known?.protocolVersion !== undefined && input.protocolVersion === undefined)
      input.protocolVersion = known.protocolVersion;
  }

  flush(): Promise<void> {
    return this.#queue.flush();
  }

  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    return this.#queue.shutdown(options);
  }

  stats(): QueueStats {
    return this.#queue.stats();
  }

  // Started once per session and never awaited here; the batch sender awaits it off the request path.
  #identify(session: SessionState, input: SessionInput) {
    const identify = this.options.identify;
    // The request's JSON-RPC fields, as the reference hands them to `identify`; the session fields follow.
    const request = requestFields(input.request) as IdentifyRequest;
    request.sessionId = session.id;
    if (session.clientName !== undefined) request.clientName = session.clientName;
    if (session.clientVersion !== undefined) request.clientVersion = session.clientVersion;
    if (input.authInfo !== undefined) request.authInfo = input.authInfo;
    const headers = fullHeaders(input);
    if (headers !== undefined) request.headers = headers;
    if (input.meta !== undefined) request.meta = input.meta;
    return Promise.resolve()
      .then(() => identify?.(request, isRecord(input.extra) ? input.extra : undefined))
      .then(toIdentity, (error: unknown) => {
        this.options.onError(error);
        return null;
      });
  }

  // A failing or odd unwrapper must not lose the event: it is reported and the call recorded as is.
  #unwrap(toolName: string, args: unknown): { name: string; args: unknown } | undefined {
    const unwrapTool = this.options.unwrapTool;
    if (!unwrapTool) return undefined;
    try {
      const unwrapped = unwrapTool(toolName, args);
      if (!unwrapped || typeof unwrapped.name !== "string" || unwrapped.name.length === 0) return undefined;
      return unwrapped;
    } catch (error) {
      this.options.onError(error);
      return undefined;
    }
  }

  #recordException(
    session: SessionState,
    toolName: string,
    description: string | undefined,
    error: unknown,
    input: SessionInput,
    mechanism: { synthetic: boolean },
  ): void {
    const properties: Record<string, unknown> = {
      [McpProperty.resourceName]: toolName,
      [McpProperty.toolName]: toolName,
      [McpProperty.exceptionLevel]: "error",
      [McpProperty.exceptionList]: [
        {
          type: mechanism.synthetic ? "Error" : errorTypeOf(error),
          value: errorMessageOf(error ?? "Unknown error"),
          mechanism: { type: "generic", handled: true, synthetic: mechanism.synthetic },
        },
      ],
    };
    if (description !== undefined) properties[McpProperty.toolDescription] = description;
    this.#push(McpEventName.exception, session, toolName, properties, input, { exception: true });
  }

  #push(
    event: string,
    session: SessionState,
    toolName: string | undefined,
    properties: Record<string, unknown>,
    input: SessionInput,
    kind: { exception?: boolean; pendingIntent?: Promise<string | null | undefined> | undefined } = {},
  ): void {
    if (!session.sampled) {
      this.#queue.countFiltered(1);
      return;
    }
    const record: PendingRecord = {
      event,
      timestamp: Date.now(),
      session,
      toolName,
      properties,
      distinctId: undefined,
      identity: input.identity ?? this.options.staticIdentity,
    };
    if (kind.exception) record.exception = true;
    // Kept only for an `eventProperties` function, which receives them as the reference passes them.
    if (typeof this.options.eventProperties === "function") {
      if (input.request !== undefined) record.request = input.request;
      if (input.extra !== undefined) record.extra = input.extra;
    }
    if (kind.pendingIntent) record.pendingIntent = kind.pendingIntent;
    const headers = input.headers;
    if (headers !== undefined) {
      record.userAgent = headers["user-agent"];
      record.vendorClient = headers["x-anthropic-client"];
    }
    // Only the header values are kept here; matching them against the event happens off the request path.
    if (this.options.redactRequestCredentials) {
      const secrets = credentialsOf(input);
      if (secrets.length > 0) record.requestSecrets = secrets;
    }
    this.#enqueue(record);
  }

  #enqueue(record: PendingRecord): void {
    this.#queue.push(record);
  }

  #build(records: PendingRecord[]) {
    return buildEvents(records, {
      options: this.options,
      anonymousId: this.#defaultSessionId,
      identified: this.#identified,
      serverInfo: () => this.#serverInfo,
      countFiltered: (count) => this.#queue.countFiltered(count),
    });
  }
}

// A call's input is asked for its credentials by its session and by its record: matched once.
const CREDENTIALS = Symbol("toolwright.analytics.credentials");
type WithCredentials = SessionInput & {
  [CREDENTIALS]?: { headers: SessionInput["headers"]; secrets: readonly string[] };
};

function credentialsOf(input: SessionInput): readonly string[] {
  const holder = input as WithCredentials;
  const cached = holder[CREDENTIALS];
  if (cached !== undefined && cached.headers === input.headers) return cached.secrets;
  const secrets = requestCredentials(input.headers);
  holder[CREDENTIALS] = { headers: input.headers, secrets };
  return secrets;
}

function withDuration(
  properties: Record<string, unknown>,
  durationMs: number | undefined,
): Record<string, unknown> {
  // Whole milliseconds, as the reference SDK sends them (PostHog's MCP views expect integers).
  if (durationMs !== undefined) properties[McpProperty.durationMs] = Math.round(durationMs);
  return properties;
}

const CAPTURED_REQUEST_KEYS = ["id", "jsonrpc", "method", "params"] as const;

/** `$mcp_parameters` as the reference SDK shapes it: `{ request: { id, jsonrpc, method, params } }`. */
function capturedRequest(request: unknown): Record<string, unknown> {
  if (!isRecord(request)) return { request };
  const captured: Record<string, unknown> = {};
  for (const key of CAPTURED_REQUEST_KEYS) if (key in request) captured[key] = request[key];
  if (isRecord(captured.params) && "_meta" in captured.params) {
    const { _meta: _ignored, ...params } = captured.params;
    captured.params = params;
  }
  return { request: captured };
}

// The recorded arguments are the ones the tool ran with: analytics arguments removed, unwrapped.
function toolCallParameters(request: unknown, toolName: string, args: unknown): Record<string, unknown> {
  const captured = capturedRequest(request ?? { method: "tools/call" });
  const inner = captured.request as Record<string, unknown>;
  const params = isRecord(inner.params) ? inner.params : {};
  inner.method ??= "tools/call";
  inner.params = { ...params, name: toolName, arguments: args };
  return captured;
}

/** Creates a recorder for a custom dispatcher (no server object): call its `record*` methods yourself. */
export function createRecorder(options: AnalyticsOptions): Recorder {
  return new Recorder(options);
}
