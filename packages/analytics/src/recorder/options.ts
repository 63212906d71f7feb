import { z } from "zod";
import { analyticsError } from "../analytics-error.js";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { DEFAULT_QUEUE_OPTIONS, type QueueOptions } from "../queue/event-queue.js";
import { DEFAULT_MAX_EVENT_BYTES } from "../redaction/fit-event-size.js";
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits, type SanitizeOptions } from "../redaction/sanitize.js";
import { redactString } from "../redaction/secret-patterns.js";
import type { Sink } from "../sinks/sink.js";
import {
  type CollectFeedbackOptions,
  checkFeedbackExtras,
  DEFAULT_FEEDBACK_TOOL_NAME,
  type FeedbackExtras,
} from "./feedback.js";
import {
  type IdentifyExtra,
  type IdentifyFunction,
  type Identity,
  type McpRequestLike,
  toIdentity,
} from "./identity.js";

/** Catalog facts about a tool, stamped as `$mcp_tool_category` / `$mcp_tool_feature`. */
export interface ToolInfo {
  category?: string;
  feature?: string;
}

/** A wrapper tool call resolved to the tool it runs: that tool's name and arguments. */
export interface UnwrappedToolCall {
  name: string;
  args: unknown;
}

/**
 * Sees each recorded tool call; for a call through a wrapper tool (such as a compact mode's
 * `call-tool`), returns the tool actually run and its arguments, otherwise `undefined`.
 */
export type UnwrapTool = (toolName: string, args: unknown) => UnwrappedToolCall | undefined;

/**
 * What an `eventProperties` function receives first: the event's name, session and tool, and the
 * JSON-RPC fields of the request that produced it (`id`, `jsonrpc`, `method`, `params`), as the
 * reference passes its `request`.
 */
export interface EventPropertiesInput extends McpRequestLike {
  event: string;
  sessionId: string | undefined;
  toolName: string | undefined;
}

/**
 * Extra properties for every event: a fixed object, or a function called as `(input, extra)` (the
 * reference's `(request, extra)`) when the batch is built, off the request path. It may return a
 * promise (awaited up to `identifyTimeoutMs`, then left out); a throw loses that event.
 */
export type EventProperties =
  | Record<string, unknown>
  | ((
      input: EventPropertiesInput,
      extra?: IdentifyExtra,
    ) => Record<string, unknown> | null | undefined | Promise<Record<string, unknown> | null | undefined>);

/** Options of the `context` argument injected into every tool's schema. */
const ContextOptionsSchema = z.strictObject({
  /** The description agents read; defaults to one asking for the purpose of the call, without personal data. */
  description: z.string().min(1).optional(),
});

/** Options of the `get_more_tools` virtual tool. */
const ReportMissingOptionsSchema = z.strictObject({
  toolName: z.string().min(1).max(128).optional(),
  description: z.string().min(1).optional(),
});

/**
 * The plain-data part of the options, validated with a message naming the key. `AnalyticsOptions` is
 * its input type plus the functions and objects in `AnalyticsHooks`.
 */
const AnalyticsSettingsSchema = z.object({
  /** Inject an optional `context` argument and record it as `$mcp_intent` (default true). */
  context: z.union([z.boolean(), ContextOptionsSchema]).default(true),
  /** Mint a `conversation_id`, echo it back, and record it as `$mcp_conversation_id` (default false). */
  conversationId: z.boolean().default(false),
  /** The reference SDK's name for `conversationId`; either turns it on. */
  enableConversationId: z.boolean().optional(),
  /** The reference SDK's way to rename `get_more_tools` (same as `reportMissing: { toolName }`). */
  missingCapabilityToolName: z.string().min(1).max(128).optional(),
  /**
   * Record the calling model as `$mcp_llm_model` (default false): from recognised client metadata
   * (`_meta["x-codex-turn-metadata"].model`), else an injected optional `llm_model` argument.
   * Unverified: for quality analytics, not billing or security.
   */
  captureModel: z
    .union([z.boolean(), z.strictObject({ description: z.string().min(1).optional() })])
    .default(false),
  /** Advertise a `get_more_tools` virtual tool whose calls become `$mcp_missing_capability` (default false). */
  reportMissing: z.union([z.boolean(), ReportMissingOptionsSchema]).default(false),
  /** Fraction of sessions recorded, 0 to 1 (default 1). */
  sampleRate: z.number().min(0).max(1).default(1),
  /** Exact secrets (e.g. upstream API keys the server holds) to remove wherever they appear. */
  redact: z.array(z.string()).default([]),
  /**
   * Treat the credentials each request carries (`Authorization`, `X-Api-Key`, ... header values, as the
   * instrumentation sees them) as exact secrets of that request's events (default true).
   */
  redactRequestCredentials: z.boolean().default(true),
  /** Send an `$exception` (with `$exception_list`) beside every failed tool call (default true). */
  enableExceptionAutocapture: z.boolean().default(true),
  /** Record tool arguments as `$mcp_parameters` (default true). */
  captureParameters: z.boolean().default(true),
  /**
   * Record results as `$mcp_response` (default true). Turn it off when results hold personal data
   * (e-mails, names): error messages are still recorded as `$mcp_error_message`.
   */
  captureResponse: z.boolean().default(true),
  /** Truncation limits (see `SanitizeLimits`) and the largest event kept, in bytes. */
  limits: z
    .strictObject({
      maxStringLength: z.number().int().min(16).optional(),
      maxDepth: z.number().int().min(1).optional(),
      maxBreadth: z.number().int().min(1).optional(),
      maxEventBytes: z.number().int().min(1024).optional(),
    })
    .default({}),
  /** Queue bounds and batching (see `QueueOptions`). */
  queue: z
    .strictObject({
      maxQueueSize: z.number().int().min(1).optional(),
      batchSize: z.number().int().min(1).optional(),
      flushIntervalMs: z.number().int().min(0).optional(),
      sendTimeoutMs: z.number().int().min(1).optional(),
    })
    .default({}),
  /** Longest wait for `identify` when a batch is sent, in milliseconds (default 5000). */
  identifyTimeoutMs: z.number().int().min(0).default(5000),
  /** The server's name and version, for the manual API (instrument reads them from the server). */
  serverInfo: z.object({ name: z.string(), version: z.string().optional() }).optional(),
});

/** The options that are functions or objects of their own, checked by hand rather than by the schema. */
interface AnalyticsHooks {
  /** Where events go (PostHog, JSONL file, memory, a function, or your own). */
  sink: Sink;
  /**
   * The caller: a function resolving it once per session (cached, never awaited on a request's path),
   * or a static identity (`{ distinctId, properties?, groups? }`) for every event. A server that
   * resolves callers itself passes each one to `instrument(server, recorder, { identity })` instead.
   */
  identify?: IdentifyFunction | Identity | null;
  /** Extra properties for every event. */
  eventProperties?: EventProperties;
  /**
   * Sees each event before redaction; return it (changed or not), or null to drop it. It may return a
   * promise (as the reference allows); a throw or rejection drops that event.
   */
  beforeSend?: (
    event: AnalyticsEvent,
  ) => AnalyticsEvent | null | undefined | Promise<AnalyticsEvent | null | undefined>;
  /**
   * Called for a tool call without a `context` intent; a string it returns (or resolves to) is
   * recorded as `$mcp_intent` with `$mcp_intent_source: "inferred"`. Runs off the request path.
   */
  intentFallback?: IntentFallback;
  /**
   * Advertise a `send_feedback` virtual tool whose calls become `$mcp_feedback` (default false): a
   * missing capability, a tool that failed or confused the agent, or praise. `onFeedback` gets each report.
   */
  collectFeedback?: boolean | CollectFeedbackOptions;
  /** Catalog facts per tool, stamped as `$mcp_tool_category` / `$mcp_tool_feature`. */
  toolInfo?: (toolName: string) => ToolInfo | undefined;
  /**
   * Records a call through a wrapper tool as the tool it runs (`$mcp_tool_name`, `$mcp_parameters`),
   * the wrapper in `$mcp_via_tool`. E.g. `compactToolUnwrapper` of `@toolwright/server`.
   */
  unwrapTool?: UnwrapTool;
  /** Receives internal failures (sink errors, hook errors); defaults to one line on stderr. */
  onError?: (error: unknown) => void;
  /**
   * The reference SDK's log sink: without `onError`, each internal failure reaches it as one
   * redacted line instead of stderr.
   */
  logger?: (message: string) => void;
}

/**
 * Everything `instrument` and `createRecorder` accept. Only `sink` is required. The plain-data options
 * are `AnalyticsSettingsSchema`'s input (documented there), the rest are `AnalyticsHooks`.
 */
export type AnalyticsOptions = z.input<typeof AnalyticsSettingsSchema> & AnalyticsHooks;

/** The plain-data options after validation and defaults. */
type AnalyticsSettings = z.output<typeof AnalyticsSettingsSchema>;

/** What `intentFallback` receives: the `tools/call` request and the handler's `extra` (1.x) or `ctx` (2.x). */
export type IntentFallback = (
  request: McpRequestLike,
  extra?: IdentifyExtra,
) => string | null | undefined | Promise<string | null | undefined>;

/** The default description of the injected `llm_model` argument. */
const DEFAULT_MODEL_DESCRIPTION =
  'Optional, for analytics only: the exact model id you run as, from your system prompt or environment (e.g. "claude-opus-4-8"). If you do not know it for certain, pass "unknown"; never guess.';

/**
 * Options after defaults, as the recorder uses them: the settings it reads as they are, the hooks, and
 * what is derived from both.
 */
export interface ResolvedOptions
  extends Pick<
      AnalyticsSettings,
      | "sampleRate"
      | "redactRequestCredentials"
      | "captureParameters"
      | "captureResponse"
      | "identifyTimeoutMs"
      | "serverInfo"
    >,
    Pick<AnalyticsHooks, "sink"> {
  identify: IdentifyFunction | undefined;
  /** The `identify` option given as an object: every event's caller. */
  staticIdentity: Identity | undefined;
  exceptionAutocapture: boolean;
  eventProperties: AnalyticsHooks["eventProperties"];
  beforeSend: AnalyticsHooks["beforeSend"];
  toolInfo: AnalyticsHooks["toolInfo"];
  unwrapTool: AnalyticsHooks["unwrapTool"];
  onError: (error: unknown) => void;
  contextDescription: string | undefined;
  conversationId: boolean;
  /** Set when `captureModel` is on: the `llm_model` argument's description. */
  modelDescription: string | undefined;
  intentFallback: AnalyticsHooks["intentFallback"];
  missingToolName: string | undefined;
  missingToolDescription: string;
  /** Set when `collectFeedback` is on. */
  feedback:
    | {
        toolName: string;
        description: string | undefined;
        onFeedback: CollectFeedbackOptions["onFeedback"];
        /** The declared `extraProperties` / `extraRequired`, checked. */
        extras: FeedbackExtras;
      }
    | undefined;
  secrets: string[];
  limits: SanitizeLimits;
  /** Limits plus secrets, built once: the redaction cache is keyed by this object's `secrets`. */
  sanitize: SanitizeOptions;
  /** The same for event names and distinct ids, which are kept short. */
  sanitizeIdentifier: SanitizeOptions;
  maxEventBytes: number;
  queue: QueueOptions;
}

// Event names and distinct ids longer than this are cut.
const MAX_IDENTIFIER_LENGTH = 200;

/** The `context` description agents read by default. */
export const DEFAULT_CONTEXT_DESCRIPTION =
  "Optional, for analytics only: in 15-25 words, why this tool is being called and how it serves the user's goal. Describe the purpose only; never include names, emails, ids, credentials or other personal or sensitive data.";

/** The default name of the virtual tool that records missing capabilities. */
export const DEFAULT_MISSING_TOOL_NAME = "get_more_tools";

const DEFAULT_MISSING_TOOL_DESCRIPTION =
  "Call this when no available tool fits the task, describing in `context` what you were trying to do and what tool would help. It records the gap; it does not add tools.";

/** Validates options and fills in defaults; bad values raise an `invalid_config` error naming the key. */
export function resolveOptions(options: AnalyticsOptions): ResolvedOptions {
  if (!options || typeof options.sink?.send !== "function") {
    throw analyticsError(
      "invalid_config",
      "analytics options need `sink`: an object with a `send(events)` method.",
      {
        key: "sink",
      },
    );
  }
  if (options.unwrapTool !== undefined && typeof options.unwrapTool !== "function") {
    throw analyticsError(
      "invalid_config",
      "Invalid analytics option `unwrapTool`: expected a function (toolName, args) => { name, args } | undefined.",
      { key: "unwrapTool" },
    );
  }
  const parsed = AnalyticsSettingsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    throw analyticsError("invalid_config", `Invalid analytics option \`${key}\`: ${issue?.message}`, {
      key,
    });
  }
  const settings = parsed.data;
  const context = settings.context;
  const missing = settings.reportMissing;
  // Very short "secrets" would redact ordinary text; they are ignored.
  const secrets = settings.redact.filter((secret) => secret.length >= 4);
  const limits: SanitizeLimits = {
    ...DEFAULT_SANITIZE_LIMITS,
    ...withoutUndefined({
      maxStringLength: settings.limits.maxStringLength,
      maxDepth: settings.limits.maxDepth,
      maxBreadth: settings.limits.maxBreadth,
    }),
  };
  return {
    sink: options.sink,
    identify: typeof options.identify === "function" ? options.identify : undefined,
    staticIdentity: staticIdentityOf(options.identify),
    exceptionAutocapture: settings.enableExceptionAutocapture,
    eventProperties: options.eventProperties,
    beforeSend: options.beforeSend,
    toolInfo: options.toolInfo,
    unwrapTool: options.unwrapTool,
    onError: options.onError ?? logTo(options.logger),
    contextDescription:
      context === false
        ? undefined
        : ((context === true ? undefined : context.description) ?? DEFAULT_CONTEXT_DESCRIPTION),
    conversationId: settings.conversationId || settings.enableConversationId === true,
    modelDescription:
      settings.captureModel === false
        ? undefined
        : ((settings.captureModel === true ? undefined : settings.captureModel.description) ??
          DEFAULT_MODEL_DESCRIPTION),
    intentFallback: typeof options.intentFallback === "function" ? options.intentFallback : undefined,
    missingToolName:
      missing === false
        ? undefined
        : ((missing === true ? undefined : missing.toolName) ??
          settings.missingCapabilityToolName ??
          DEFAULT_MISSING_TOOL_NAME),
    missingToolDescription:
      (typeof missing === "object" ? missing.description : undefined) ?? DEFAULT_MISSING_TOOL_DESCRIPTION,
    feedback: feedbackOptions(options.collectFeedback),
    sampleRate: settings.sampleRate,
    secrets,
    redactRequestCredentials: settings.redactRequestCredentials,
    captureParameters: settings.captureParameters,
    captureResponse: settings.captureResponse,
    limits,
    sanitize: { ...limits, secrets },
    sanitizeIdentifier: { ...limits, maxStringLength: MAX_IDENTIFIER_LENGTH, secrets },
    maxEventBytes: settings.limits.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    queue: { ...DEFAULT_QUEUE_OPTIONS, ...withoutUndefined(settings.queue) },
    identifyTimeoutMs: settings.identifyTimeoutMs,
    serverInfo: settings.serverInfo,
  };
}

function feedbackOptions(option: AnalyticsOptions["collectFeedback"]): ResolvedOptions["feedback"] {
  if (option === undefined || option === false) return undefined;
  const settings = option === true ? {} : option;
  if (
    typeof settings !== "object" ||
    (settings.onFeedback !== undefined && typeof settings.onFeedback !== "function")
  ) {
    throw analyticsError(
      "invalid_config",
      "Invalid analytics option `collectFeedback`: expected true or { toolName?, description?, extraProperties?, extraRequired?, onFeedback? }.",
      { key: "collectFeedback" },
    );
  }
  const extras = checkFeedbackExtras(settings.extraProperties, settings.extraRequired);
  if (typeof extras === "string") {
    throw analyticsError("invalid_config", `Invalid analytics option ${extras}`, {
      key: "collectFeedback",
    });
  }
  return {
    toolName: settings.toolName ?? DEFAULT_FEEDBACK_TOOL_NAME,
    description: settings.description,
    onFeedback: settings.onFeedback,
    extras,
  };
}

function staticIdentityOf(identify: AnalyticsOptions["identify"]): Identity | undefined {
  if (identify === undefined || identify === null || typeof identify === "function") return undefined;
  const identity = toIdentity(identify);
  if (!identity) {
    throw analyticsError(
      "invalid_config",
      "Invalid analytics option `identify`: expected a function or { distinctId: string, properties?, groups? }.",
      { key: "identify" },
    );
  }
  return identity;
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

// stdout belongs to the stdio transport; diagnostics go to stderr (or `logger`), without the stack.
function logTo(logger: ((message: string) => void) | undefined): (error: unknown) => void {
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const line = `[@toolwright/analytics] ${redactString(message)}`;
    if (typeof logger !== "function") {
      process.stderr.write(`${line}\n`);
      return;
    }
    try {
      logger(line);
    } catch {
      // A failing logger must not break recording.
    }
  };
}
