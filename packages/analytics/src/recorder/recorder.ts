import { type CustomEvent, CustomEventSchema } from "../events/analytics-event.js";
import { uuidv7 } from "../events/uuidv7.js";
import { McpEventName, McpProperty } from "../events/vocabulary.js";
import { EventQueue, type QueueStats } from "../queue/event-queue.js";
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
import { type IdentifyRequest, toIdentity } from "./identity.js";
import { type AnalyticsOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import type { PendingRecord } from "./pending-record.js";
import type {
  InitializeInput,
  MissingCapabilityInput,
  SessionInput,
  ToolCallInput,
  ToolsListInput,
} from "./record-inputs.js";
import { type SessionState, SessionStore } from "./session-store.js";
import { errorMessageOf, errorTypeOf, toolOutcome } from "./tool-result.js";

/** What `instrument` returns: send custom events, flush, and shut down. */
export interface AnalyticsHandle {
  /** Queues a custom event (`{ event, properties?, distinctId?, sessionId? }`). */
  capture(event: CustomEvent): void;
  /** Sends everything queued so far; resolves when the sink has it. Never rejects. */
  flush(): Promise<void>;
  /** Flushes, stops recording and shuts the sink down. Never rejects. */
  shutdown(): Promise<void>;
  /** Counters: queued, sent, dropped, failed, filtered. */
  stats(): QueueStats;
}

/** A tool call prepared for dispatch: analytics arguments read and removed. */
export interface PreparedToolCall extends ExtractedParameters {
  /** True when the call is to the `get_more_tools` virtual tool: answer it with `missingCapabilityResult()`. */
  isMissingCapability: boolean;
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
    this.#push(McpEventName.initialize, session, undefined, withDuration({}, input.durationMs), input);
  }

  /** Records an answered `tools/list` with the names it listed. */
  recordToolsList(input: ToolsListInput): void {
    const properties = withDuration({ [McpProperty.listedToolNames]: input.toolNames }, input.durationMs);
    this.#push(McpEventName.toolsList, this.session(input), undefined, properties, input);
  }

  /**
   * Records a finished tool call (and an `$exception` when the handler threw). With the `unwrapTool`
   * option, a call through a wrapper tool is recorded as the tool it ran, the wrapper in `$mcp_via_tool`.
   */
  recordToolCall(input: ToolCallInput): void {
    const session = this.session(input);
    const outcome = toolOutcome(input.result, input.error);
    const unwrapped = this.#unwrap(input.toolName, input.arguments);
    const toolName = unwrapped?.name ?? input.toolName;
    const properties: Record<string, unknown> = withDuration(
      { [McpProperty.toolName]: toolName, [McpProperty.isError]: outcome.isError },
      input.durationMs,
    );
    if (unwrapped) properties[McpProperty.viaTool] = input.toolName;
    const args = unwrapped ? unwrapped.args : input.arguments;
    if (outcome.errorMessage !== undefined) properties[McpProperty.errorMessage] = outcome.errorMessage;
    if (outcome.errorType !== undefined) properties[McpProperty.errorType] = outcome.errorType;
    if (this.options.captureParameters && args !== undefined) properties[McpProperty.parameters] = args;
    if (this.options.captureResponse && input.result !== undefined)
      properties[McpProperty.response] = input.result;
    if (input.intent !== undefined) {
      properties[McpProperty.intent] = input.intent;
      properties[McpProperty.intentSource] = input.intentSource ?? "context_parameter";
    }
    if (input.conversationId !== undefined) properties[McpProperty.conversationId] = input.conversationId;
    this.#push(McpEventName.toolCall, session, toolName, properties, input);
    if (input.error !== undefined) this.#recordException(session, toolName, input.error, input);
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
    const prepared = tools.map((tool) => {
      const injected = injectParameters(tool, this.options.contextDescription, this.options.conversationId);
      this.#ownership.set(tool.name, injected.ownership);
      return injected.tool as Tool;
    });
    const missingName = this.options.missingToolName;
    const collides = tools.some((tool) => tool.name === missingName);
    if (missingName !== undefined && options.firstPage !== false && !collides) {
      prepared.push(this.missingCapabilityTool() as Tool);
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
    for (const tool of tools) {
      if (typeof tool?.name !== "string") continue;
      this.#ownership.set(
        tool.name,
        ownershipOf(tool, this.options.contextDescription, this.options.conversationId),
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
      (declared ? { context: !declared.context, conversationId: !declared.conversationId } : undefined);
    const extracted = extractParameters(rawArguments, ownership, {
      context: this.options.contextDescription !== undefined,
      conversationId: this.options.conversationId,
    });
    const isMissingCapability = toolName === this.options.missingToolName && !this.#ownership.has(toolName);
    return { ...extracted, isMissingCapability };
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

  /** The session of a record, created (and identified, once) on first sight. */
  session(input: SessionInput): SessionState {
    const session = this.#sessions.get(input.sessionId ?? this.#defaultSessionId);
    if (input.clientName !== undefined) session.clientName = input.clientName;
    if (input.clientVersion !== undefined) session.clientVersion = input.clientVersion;
    if (input.protocolVersion !== undefined) session.protocolVersion = input.protocolVersion;
    if (session.identity === undefined && this.options.identify)
      session.identity = this.#identify(session, input);
    return session;
  }

  flush(): Promise<void> {
    return this.#queue.flush();
  }

  shutdown(): Promise<void> {
    return this.#queue.shutdown();
  }

  stats(): QueueStats {
    return this.#queue.stats();
  }

  // Started once per session and never awaited here; the batch sender awaits it off the request path.
  #identify(session: SessionState, input: SessionInput) {
    const identify = this.options.identify;
    const request: IdentifyRequest = { sessionId: session.id };
    if (session.clientName !== undefined) request.clientName = session.clientName;
    if (session.clientVersion !== undefined) request.clientVersion = session.clientVersion;
    if (input.authInfo !== undefined) request.authInfo = input.authInfo;
    if (input.headers !== undefined) request.headers = input.headers;
    if (input.meta !== undefined) request.meta = input.meta;
    return Promise.resolve()
      .then(() => identify?.(request))
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

  #recordException(session: SessionState, toolName: string, error: unknown, input: SessionInput): void {
    this.#push(
      McpEventName.exception,
      session,
      toolName,
      {
        [McpProperty.toolName]: toolName,
        [McpProperty.exceptionList]: [
          {
            type: errorTypeOf(error),
            value: errorMessageOf(error),
            mechanism: { handled: true, synthetic: false },
          },
        ],
      },
      input,
    );
  }

  #push(
    event: string,
    session: SessionState,
    toolName: string | undefined,
    properties: Record<string, unknown>,
    input: SessionInput,
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
    };
    // Only the header values are kept here; matching them against the event happens off the request path.
    if (this.options.redactRequestCredentials) {
      const secrets = requestCredentials(input.headers);
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
      serverInfo: () => this.#serverInfo,
      countFiltered: (count) => this.#queue.countFiltered(count),
    });
  }
}

function withDuration(
  properties: Record<string, unknown>,
  durationMs: number | undefined,
): Record<string, unknown> {
  if (durationMs !== undefined) properties[McpProperty.durationMs] = Math.round(durationMs * 1000) / 1000;
  return properties;
}

/** Creates a recorder for a custom dispatcher (no server object): call its `record*` methods yourself. */
export function createRecorder(options: AnalyticsOptions): Recorder {
  return new Recorder(options);
}
