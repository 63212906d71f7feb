import { performance } from "node:perf_hooks";
import { isRecord } from "@toolwright/core/internal";
import { UUIDV7_PATTERN, uuidv7 } from "../events/uuidv7.js";
import {
  carriesAnalyticsArguments,
  echoConversationId,
  type ListedTool,
} from "../recorder/analytics-parameters.js";
import { FEEDBACK_REPLY, parseFeedback } from "../recorder/feedback.js";
import type { Identity, McpRequestLike } from "../recorder/identity.js";
import type { SessionInput, ToolCallInput } from "../recorder/record-inputs.js";
import type { Recorder } from "../recorder/recorder.js";
import { applyClientInfoReaders, requestContext } from "./request-context.js";
import type { RequestHandler, ServerTarget } from "./server-target.js";

/** Per-instance state shared by the wrapped handlers. */
interface WrapState {
  recorder: Recorder;
  target: ServerTarget;
  /**
   * The session of a connection without a transport session id; renewed at each initialize. Minted on
   * first use: over HTTP (one instance per request) the session comes from the caller instead.
   */
  instanceSessionId: string | undefined;
  /** The server's own `tools/list` handler, unwrapped: asked for a tool's schema when ownership is unknown. */
  listTools: RequestHandler | undefined;
  /** The caller of every request to this server instance, when the server resolved it. */
  identity: Identity | undefined;
}

type Wrapper = (handler: RequestHandler, state: WrapState) => RequestHandler;

// Marks the handlers this package returned, so that a handler set twice is wrapped once.
const WRAPPED = Symbol.for("toolwright.analytics.wrapped");
type MarkedHandler = RequestHandler & { [WRAPPED]?: true };

const WRAPPERS: Record<string, Wrapper> = {
  initialize: wrapInitialize,
  "tools/list": wrapToolsList,
  "tools/call": wrapToolCall,
};

/**
 * Wraps the initialize, tools/list and tools/call handlers already registered, and every one
 * registered later, by intercepting the handler map's `set` (which `setRequestHandler` of both
 * SDK majors goes through).
 */
export function wrapHandlerMap(recorder: Recorder, target: ServerTarget, identity?: Identity): void {
  const map = target.protocol._requestHandlers;
  const state: WrapState = { recorder, target, instanceSessionId: undefined, listTools: undefined, identity };
  const originalSet = map.set.bind(map);
  const wrap = (method: string, handler: RequestHandler): RequestHandler => {
    const alreadyWrapped = (handler as MarkedHandler)[WRAPPED] === true;
    // The unwrapped handler answers schema questions without recording a `tools/list` nobody made.
    if (method === "tools/list" && !alreadyWrapped) state.listTools = handler;
    const wrapper = WRAPPERS[method];
    if (!wrapper || alreadyWrapped) return handler;
    const wrapped = wrapper(handler, state);
    (wrapped as MarkedHandler)[WRAPPED] = true;
    return wrapped;
  };
  for (const [method, handler] of map) originalSet(method, wrap(method, handler));
  map.set = (method: string, handler: RequestHandler) => originalSet(method, wrap(method, handler));
}

// Analytics must never break a request: any failure while recording is reported, not thrown.
function safely(state: WrapState, record: () => void): void {
  try {
    record();
  } catch (error) {
    state.recorder.options.onError(error);
  }
}

function paramsOf(request: unknown): Record<string, unknown> {
  return isRecord(request) && isRecord(request.params) ? request.params : {};
}

function instanceSession(state: WrapState): string {
  state.instanceSessionId ??= uuidv7();
  return state.instanceSessionId;
}

function session(state: WrapState, extra: unknown, request?: unknown) {
  const context = requestContext(extra);
  // Only a request without headers (stdio, in-memory) belongs to the instance's own session.
  if (context.headers === undefined) context.fallbackSessionId = instanceSession(state);
  if (extra !== undefined) context.extra = extra;
  if (state.identity !== undefined) context.identity = state.identity;
  // A server instance that did not see this session's initialize still knows the client from it.
  const client = state.target.protocol.getClientVersion?.();
  if (typeof client?.name === "string") context.clientName = client.name;
  if (typeof client?.version === "string") context.clientVersion = client.version;
  if (request !== undefined) {
    context.request = request;
    applyClientInfoReaders(request, extra, context);
  }
  return context;
}

function wrapInitialize(handler: RequestHandler, state: WrapState): RequestHandler {
  return async (request, extra) => {
    const started = performance.now();
    const result = await handler(request, extra);
    safely(state, () => {
      // Without a transport session id, each initialize starts a new session on this instance.
      if (!(isRecord(extra) && typeof extra.sessionId === "string")) state.instanceSessionId = uuidv7();
      const params = paramsOf(request);
      const client = isRecord(params.clientInfo) ? params.clientInfo : {};
      const answer = isRecord(result) ? result : {};
      const server = isRecord(answer.serverInfo) ? answer.serverInfo : {};
      state.recorder.recordInitialize({
        ...requestContext(extra, instanceSession(state)),
        ...(state.identity === undefined ? {} : { identity: state.identity }),
        request,
        extra,
        result,
        ...stringField("clientName", client.name),
        ...stringField("clientVersion", client.version),
        ...stringField("protocolVersion", answer.protocolVersion ?? params.protocolVersion),
        ...stringField("serverName", server.name),
        ...stringField("serverVersion", server.version),
        durationMs: performance.now() - started,
      });
    });
    return result;
  };
}

function wrapToolsList(handler: RequestHandler, state: WrapState): RequestHandler {
  return async (request, extra) => {
    const started = performance.now();
    const result = await handler(request, extra);
    if (!isRecord(result) || !Array.isArray(result.tools)) return result;
    const tools = result.tools as ListedTool[];
    let prepared: ListedTool[] = tools;
    safely(state, () => {
      const firstPage = paramsOf(request).cursor === undefined;
      prepared = state.recorder.prepareToolsList(tools, { firstPage });
      state.recorder.recordToolsList({
        ...session(state, extra, request),
        request,
        result: prepared === tools ? result : { ...result, tools: prepared },
        toolNames: tools.map((tool) => tool.name),
        durationMs: performance.now() - started,
      });
    });
    return prepared === tools ? result : { ...result, tools: prepared };
  };
}

function wrapToolCall(handler: RequestHandler, state: WrapState): RequestHandler {
  return async (request, extra) => {
    const params = paramsOf(request);
    const toolName = typeof params.name === "string" ? params.name : "";
    const { recorder, target } = state;
    let prepared: ReturnType<Recorder["prepareToolCall"]> | undefined;
    // The request's session context, read once per call: minting a conversation id and recording
    // the call both need it.
    let context: SessionInput | undefined;
    const contextOf = () => {
      context ??= session(state, extra, request);
      return context;
    };
    if (needsSchema(state, toolName, params.arguments)) await learnSchema(state, toolName, extra);
    safely(state, () => {
      prepared = recorder.prepareToolCall(toolName, params.arguments, target.declaredParameters(toolName));
      if (prepared.conversationIdMinted) adoptSession(state, contextOf(), prepared);
    });
    if (prepared?.isMissingCapability && !target.hasRegisteredTool(toolName)) {
      return answerMissingCapability(state, extra, request, prepared.arguments);
    }
    if (prepared?.isFeedback && !target.hasRegisteredTool(toolName)) {
      return answerFeedback(state, extra, request, params.arguments);
    }
    const forwarded =
      prepared && prepared.arguments !== params.arguments
        ? { ...(request as object), params: { ...params, arguments: prepared.arguments } }
        : request;
    const started = performance.now();
    let result: unknown;
    try {
      result = await handler(forwarded, extra);
    } catch (error) {
      safely(state, () =>
        recordCall(state, contextOf(), request, extra, toolName, prepared, {
          error,
          durationMs: performance.now() - started,
        }),
      );
      throw error;
    }
    const durationMs = performance.now() - started;
    safely(state, () =>
      recordCall(state, contextOf(), request, extra, toolName, prepared, { result, durationMs }),
    );
    return prepared?.conversationIdMinted && prepared.conversationId
      ? echoConversationId(result, prepared.conversationId)
      : result;
  };
}

// A new conversation continues the connection's session: the id the agent is asked to echo is that
// session's, so its first call and the following ones (which carry the id) share one `$session_id`.
function adoptSession(
  state: WrapState,
  context: SessionInput,
  prepared: ReturnType<Recorder["prepareToolCall"]>,
): void {
  const sessionId = state.recorder.session(context).id;
  if (UUIDV7_PATTERN.test(sessionId)) prepared.conversationId = sessionId;
}

// Cheap checks first: once a tool is known (the usual case) a call costs one map lookup here.
function needsSchema(state: WrapState, toolName: string, rawArguments: unknown): boolean {
  const { recorder, target } = state;
  return (
    state.listTools !== undefined &&
    !recorder.knowsTool(toolName) &&
    carriesAnalyticsArguments(rawArguments) &&
    toolName !== recorder.options.missingToolName &&
    target.declaredParameters(toolName) === undefined
  );
}

// Most pages read while looking for one tool; bounds the work a server with a cursor bug can cause.
const MAX_LIST_PAGES = 50;

/**
 * A server instance that never answered `tools/list` (a stateless HTTP server builds one per request;
 * a restart or another replica has none) does not know which arguments analytics advertised. Its own
 * `tools/list` handler, run in-process for the same caller, says what the tool declares itself.
 */
async function learnSchema(state: WrapState, toolName: string, extra: unknown): Promise<void> {
  const listTools = state.listTools;
  if (!listTools) return;
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const request = { method: "tools/list", params: cursor === undefined ? {} : { cursor } };
      const result = await listTools(request, extra);
      if (!isRecord(result) || !Array.isArray(result.tools)) return;
      state.recorder.learnTools(result.tools as ListedTool[]);
      cursor = typeof result.nextCursor === "string" ? result.nextCursor : undefined;
      if (state.recorder.knowsTool(toolName) || cursor === undefined) return;
    }
  } catch (error) {
    state.recorder.options.onError(error);
  }
}

function recordCall(
  state: WrapState,
  context: SessionInput,
  request: unknown,
  extra: unknown,
  toolName: string,
  prepared: ReturnType<Recorder["prepareToolCall"]> | undefined,
  outcome: { result?: unknown; error?: unknown; durationMs: number },
): void {
  // Built by assignment rather than spreads: this runs on every call.
  const input = context as ToolCallInput;
  input.toolName = toolName;
  input.request = request;
  const description = state.target.toolDescription(toolName);
  if (description !== undefined) input.toolDescription = description;
  input.durationMs = outcome.durationMs;
  if (prepared?.arguments !== undefined) input.arguments = prepared.arguments;
  if (outcome.result !== undefined) input.result = outcome.result;
  if (outcome.error !== undefined) input.error = outcome.error;
  if (prepared?.intent !== undefined) {
    input.intent = prepared.intent;
    input.intentSource = "context_parameter";
  }
  if (prepared?.conversationId !== undefined) input.conversationId = prepared.conversationId;
  const options = state.recorder.options;
  if (options.modelDescription !== undefined) {
    const fromClient = clientMetadataModel(request);
    const model = fromClient ?? prepared?.llmModel;
    if (model !== undefined) {
      input.llmModel = model;
      input.llmModelSource = fromClient === undefined ? "self_reported" : "client_metadata";
    }
  }
  const fallback = options.intentFallback;
  if (input.intent === undefined && fallback) {
    input.inferredIntent = Promise.resolve()
      .then(() =>
        fallback((isRecord(request) ? request : {}) as McpRequestLike, isRecord(extra) ? extra : undefined),
      )
      .catch((error: unknown) => {
        options.onError(error);
        return undefined;
      });
  }
  state.recorder.recordToolCall(input);
}

async function answerMissingCapability(
  state: WrapState,
  extra: unknown,
  request: unknown,
  args: Record<string, unknown> | undefined,
) {
  const context = typeof args?.context === "string" ? args.context : "";
  safely(state, () => state.recorder.recordMissingCapability({ ...session(state, extra, request), context }));
  return state.recorder.missingCapabilityResult();
}

// Codex sends its model in the call's `_meta`; it wins over what the agent says in `llm_model`.
function clientMetadataModel(request: unknown): string | undefined {
  const meta = paramsOf(request)._meta;
  const turn = isRecord(meta) ? meta["x-codex-turn-metadata"] : undefined;
  const model = isRecord(turn) && typeof turn.model === "string" ? turn.model.trim() : "";
  return model === "" || model.toLowerCase() === "unknown" ? undefined : model;
}

async function answerFeedback(state: WrapState, extra: unknown, request: unknown, args: unknown) {
  const started = performance.now();
  const report = parseFeedback(args, state.recorder.options.feedback?.extras.properties);
  let reply: string | undefined;
  try {
    const answer: unknown = await state.recorder.options.feedback?.onFeedback?.(report);
    if (typeof answer === "string") reply = answer;
  } catch (error) {
    state.recorder.options.onError(error);
  }
  const result = {
    content: [
      { type: "text" as const, text: typeof reply === "string" && reply !== "" ? reply : FEEDBACK_REPLY },
    ],
  };
  safely(state, () =>
    state.recorder.recordFeedback({
      ...session(state, extra, request),
      report,
      result,
      durationMs: performance.now() - started,
    }),
  );
  return result;
}

function stringField<Key extends string>(key: Key, value: unknown): { [K in Key]?: string } {
  return (typeof value === "string" ? { [key]: value } : {}) as { [K in Key]?: string };
}
