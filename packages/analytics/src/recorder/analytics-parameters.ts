import { isRecord } from "@toolwright/core/internal";
import { UUIDV7_PATTERN, uuidv7 } from "../events/uuidv7.js";

/** The argument an agent fills with the purpose of a call. */
export const CONTEXT_PARAMETER = "context";
/** The argument an agent echoes so calls of one conversation can be grouped. */
export const CONVERSATION_ID_PARAMETER = "conversation_id";
/** The argument an agent fills with its model id, with the `captureModel` option. */
const MODEL_PARAMETER = "llm_model";

const CONVERSATION_ID_DESCRIPTION =
  "Echo the conversation_id from the server's previous response; omit it on the first call. Never invent one.";

/** A tool as advertised by `tools/list` (only the fields analytics touches). */
export interface ListedTool {
  name: string;
  inputSchema?: { type?: string; properties?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/** Which analytics arguments were added to a tool by this package (and so are stripped before it runs). */
export interface ParameterOwnership {
  context: boolean;
  conversationId: boolean;
  /** `llm_model`, with the `captureModel` option. */
  llmModel?: boolean;
}

/** Which analytics arguments are switched on. */
interface InjectedParameters {
  contextDescription: string | undefined;
  conversationId: boolean;
  modelDescription?: string | undefined;
}

// Composite or referenced schemas cannot take an extra property safely.
function canExtend(schema: ListedTool["inputSchema"]): boolean {
  if (!schema || typeof schema !== "object") return false;
  return !("oneOf" in schema || "anyOf" in schema || "allOf" in schema || "$ref" in schema);
}

/**
 * Which analytics arguments `injectParameters` adds to a tool (those it does not declare itself),
 * without copying its schema: how a server that never listed tools learns what to strip.
 */
export function ownershipOf(
  tool: ListedTool,
  contextDescription: string | undefined,
  conversationId: boolean,
  modelDescription?: string,
): ParameterOwnership {
  const schema = tool.inputSchema;
  if (!canExtend(schema)) return { context: false, conversationId: false, llmModel: false };
  const properties = isRecord(schema?.properties) ? schema.properties : {};
  return {
    context: contextDescription !== undefined && !(CONTEXT_PARAMETER in properties),
    conversationId: conversationId && !(CONVERSATION_ID_PARAMETER in properties),
    llmModel: modelDescription !== undefined && !(MODEL_PARAMETER in properties),
  };
}

/** Adds the optional analytics arguments a tool does not declare itself; reports what was added. */
export function injectParameters(
  tool: ListedTool,
  contextDescription: string | undefined,
  conversationId: boolean,
  modelDescription?: string,
): { tool: ListedTool; ownership: ParameterOwnership } {
  const ownership = ownershipOf(tool, contextDescription, conversationId, modelDescription);
  if (!ownership.context && !ownership.conversationId && !ownership.llmModel) return { tool, ownership };
  const schema = tool.inputSchema;
  const properties = { ...(schema?.properties ?? {}) };
  if (ownership.context) properties[CONTEXT_PARAMETER] = { type: "string", description: contextDescription };
  if (ownership.conversationId) {
    properties[CONVERSATION_ID_PARAMETER] = { type: "string", description: CONVERSATION_ID_DESCRIPTION };
  }
  if (ownership.llmModel) properties[MODEL_PARAMETER] = { type: "string", description: modelDescription };
  return { tool: { ...tool, inputSchema: { ...schema, type: "object", properties } }, ownership };
}

/** True when a call carries an analytics argument (`context` or `conversation_id`) at all. */
export function carriesAnalyticsArguments(rawArguments: unknown): boolean {
  return (
    isRecord(rawArguments) &&
    (CONTEXT_PARAMETER in rawArguments ||
      CONVERSATION_ID_PARAMETER in rawArguments ||
      MODEL_PARAMETER in rawArguments)
  );
}

/** What analytics took out of a call's arguments. */
export interface ExtractedParameters {
  /** The arguments the tool receives (analytics arguments it does not own removed). */
  arguments: Record<string, unknown> | undefined;
  intent: string | undefined;
  conversationId: string | undefined;
  /** True when the conversation id is new and must be echoed back to the agent. */
  conversationIdMinted: boolean;
  /** The model the agent said it runs as (`llm_model`), blank and "unknown" dropped. */
  llmModel?: string | undefined;
}

/**
 * Reads `context` and `conversation_id` from a call. An argument this package injected is removed;
 * one the tool declares itself is left in place and not recorded. When ownership is unknown (a
 * fresh server instance that never listed tools) the value is recorded but left in place.
 */
export function extractParameters(
  rawArguments: unknown,
  ownership: ParameterOwnership | undefined,
  settings: { context: boolean; conversationId: boolean; llmModel?: boolean },
): ExtractedParameters {
  const args = isRecord(rawArguments) ? rawArguments : undefined;
  const result: ExtractedParameters = {
    arguments: args,
    intent: undefined,
    conversationId: undefined,
    conversationIdMinted: false,
  };
  if (settings.context && ownership?.context !== false) {
    const intent = args?.[CONTEXT_PARAMETER];
    if (typeof intent === "string" && intent.trim().length > 0) result.intent = intent.trim();
  }
  if (settings.conversationId && ownership?.conversationId !== false) {
    const supplied = args?.[CONVERSATION_ID_PARAMETER];
    // Only ids shaped like ours are trusted: agents invent values like "conv-1" that would merge strangers.
    if (typeof supplied === "string" && UUIDV7_PATTERN.test(supplied.trim())) {
      result.conversationId = supplied.trim().toLowerCase();
    } else {
      result.conversationId = uuidv7();
      result.conversationIdMinted = true;
    }
  }
  if (settings.llmModel && ownership?.llmModel !== false) {
    const model = args?.[MODEL_PARAMETER];
    const trimmed = typeof model === "string" ? model.trim() : "";
    if (trimmed !== "" && trimmed.toLowerCase() !== "unknown") result.llmModel = trimmed;
  }
  result.arguments = stripOwned(args, ownership);
  return result;
}

function stripOwned(
  args: Record<string, unknown> | undefined,
  ownership: ParameterOwnership | undefined,
): Record<string, unknown> | undefined {
  if (!args || !ownership) return args;
  const stripContext = ownership.context && CONTEXT_PARAMETER in args;
  const stripConversation = ownership.conversationId && CONVERSATION_ID_PARAMETER in args;
  const stripModel = ownership.llmModel === true && MODEL_PARAMETER in args;
  if (!stripContext && !stripConversation && !stripModel) return args;
  const copy = { ...args };
  if (stripContext) delete copy[CONTEXT_PARAMETER];
  if (stripConversation) delete copy[CONVERSATION_ID_PARAMETER];
  if (stripModel) delete copy[MODEL_PARAMETER];
  return copy;
}

/** Appends `{"conversation_id": ...}` as a text block, so the agent can echo it on its next call. */
export function echoConversationId<Result>(result: Result, conversationId: string): Result {
  if (!isRecord(result) || !Array.isArray(result.content)) return result;
  const block = { type: "text", text: JSON.stringify({ conversation_id: conversationId }) };
  return { ...result, content: [...result.content, block] };
}
