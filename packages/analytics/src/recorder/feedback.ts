import { isRecord } from "@toolwright/core/internal";
import { McpProperty } from "../events/vocabulary.js";
import type { ListedTool } from "./analytics-parameters.js";

/** The default name of the virtual tool agents send feedback with (`collectFeedback`). */
export const DEFAULT_FEEDBACK_TOOL_NAME = "send_feedback";

const FEEDBACK_TYPES = ["missing_capability", "issue", "praise", "other"] as const;
const SENTIMENTS = ["positive", "neutral", "negative", "mixed"] as const;
const MAX_TEXT = 2048;

/** One parsed `send_feedback` call. */
export interface FeedbackReport {
  feedbackType: (typeof FEEDBACK_TYPES)[number];
  summary: string;
  sentiment?: (typeof SENTIMENTS)[number];
  frictionPoints?: string;
  suggestedImprovement?: string;
  details?: string;
  toolName?: string;
  taskCompleted?: boolean;
  /**
   * Values of the declared `extraProperties` whose type (and enum) match the declaration; a value of
   * the wrong shape is left out. Each is recorded as `$mcp_feedback_<key>`.
   */
  extras: Record<string, unknown>;
  /** The call's raw arguments, for `onFeedback` only: never recorded. */
  raw: Record<string, unknown>;
}

/** The JSON Schema of one host-declared `send_feedback` argument (`extraProperties`). */
export interface FeedbackExtraPropertySchema {
  type: string;
  description?: string;
  enum?: string[];
  [key: string]: unknown;
}

/** The `collectFeedback` option's object form. */
export interface CollectFeedbackOptions {
  toolName?: string;
  description?: string;
  /**
   * Host-specific arguments added to the tool's input schema, as JSON Schema fragments. Each declared
   * key is recorded as `$mcp_feedback_<key>` (redacted and truncated like the rest); arguments the
   * agent invents beyond them are never recorded. A key that is a core field (`summary`, ...),
   * `type`, `tool` or an analytics argument (`context`, `conversation_id`, `llm_model`) is refused.
   */
  extraProperties?: Record<string, FeedbackExtraPropertySchema>;
  /** Keys of `extraProperties` the schema marks required. */
  extraRequired?: string[];
  /**
   * Receives each report (e.g. to open a ticket); a non-empty string it returns (or resolves to)
   * replaces the reply, anything else keeps the default one.
   */
  onFeedback?: (report: FeedbackReport) => unknown;
}

const DEFAULT_DESCRIPTION =
  'Send feedback about this server to its developers. Above all, report a missing capability whenever no tool fits the task, even if you found a workaround (feedback_type "missing_capability"). Also welcome: a tool that failed or confused you, an unhelpful error, or something that worked well. It records the feedback; it does not change the tools. Never include personal data or secrets.';

const CORE_FIELDS = [
  "feedback_type",
  "summary",
  "details",
  "friction_points",
  "suggested_improvement",
  "tool_name",
  "sentiment",
  "task_completed",
];

// Core fields, names whose `$mcp_feedback_<key>` is a core property, and the analytics arguments.
const RESERVED_EXTRA_KEYS = new Set([
  ...CORE_FIELDS,
  "type",
  "tool",
  "context",
  "conversation_id",
  "llm_model",
]);

/** The declared extras, checked; the message of a bad declaration names the key. */
export interface FeedbackExtras {
  properties: Record<string, FeedbackExtraPropertySchema>;
  required: string[];
}

/** Checks `extraProperties` / `extraRequired`; returns an error message, or the checked extras. */
export function checkFeedbackExtras(
  extraProperties: unknown,
  extraRequired: unknown,
): FeedbackExtras | string {
  const properties = extraProperties ?? {};
  const required = extraRequired ?? [];
  if (!isRecord(properties))
    return "`collectFeedback.extraProperties` must be an object of JSON Schema fragments.";
  for (const [key, schema] of Object.entries(properties)) {
    if (RESERVED_EXTRA_KEYS.has(key))
      return `\`collectFeedback.extraProperties.${key}\` collides with a core or analytics field of send_feedback; rename it.`;
    if (!isRecord(schema) || typeof schema.type !== "string")
      return `\`collectFeedback.extraProperties.${key}\` needs a JSON Schema \`type\` (e.g. { type: "string" }).`;
  }
  if (!Array.isArray(required) || required.some((key) => typeof key !== "string"))
    return "`collectFeedback.extraRequired` must be an array of keys of extraProperties.";
  for (const key of required as string[]) {
    if (!Object.hasOwn(properties, key))
      return `\`collectFeedback.extraRequired\` names "${key}", which extraProperties does not declare.`;
  }
  // A copy: the host may reuse or change the fragments it passed.
  return {
    properties: structuredClone(properties) as Record<string, FeedbackExtraPropertySchema>,
    required: [...(required as string[])],
  };
}

const NO_EXTRAS: FeedbackExtras = { properties: {}, required: [] };

/** The descriptor of the `send_feedback` virtual tool, with the declared extra arguments. */
export function feedbackTool(
  name: string,
  description = DEFAULT_DESCRIPTION,
  extras: FeedbackExtras = NO_EXTRAS,
): ListedTool {
  const text = (description: string) => ({ type: "string", description });
  return {
    name,
    description,
    inputSchema: {
      type: "object",
      properties: {
        feedback_type: {
          type: "string",
          enum: [...FEEDBACK_TYPES],
          description:
            "missing_capability: no listed tool does what you needed; issue: a tool failed, misled or confused you; praise: something worked notably well; other: anything else.",
        },
        summary: text("One self-contained sentence: the capability you needed, or the tool and its problem."),
        details: text("Optional: what you tried, the arguments, the error text, any workaround."),
        friction_points: text("Optional: the moments that slowed you down, quoting tool names or errors."),
        suggested_improvement: text("Optional: the change that would have helped."),
        tool_name: text("Optional: the existing tool this is about (for issue or praise)."),
        sentiment: { type: "string", enum: [...SENTIMENTS], description: "Optional: how it felt overall." },
        task_completed: { type: "boolean", description: "Optional: whether you still completed the task." },
        ...structuredClone(extras.properties),
      },
      required: ["feedback_type", "summary", ...extras.required],
    },
    annotations: { title: "Send feedback", readOnlyHint: true, idempotentHint: false, openWorldHint: false },
  };
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const trimmed = value.trim();
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((item) => item === value);
}

// A declared extra is kept only when it has the declared JSON type (an integer is a whole number) and enum.
function matchesSchema(value: unknown, schema: FeedbackExtraPropertySchema): boolean {
  const type = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  if (schema.type === "integer" ? !Number.isInteger(value) : schema.type !== type) return false;
  return !Array.isArray(schema.enum) || schema.enum.includes(value as string);
}

/**
 * Parses raw `send_feedback` arguments; never throws (an unknown type becomes `other`). Only the
 * declared extras (`extraProperties`) with a value of their declared shape land in `extras`.
 */
export function parseFeedback(
  raw: unknown,
  extraProperties: Record<string, FeedbackExtraPropertySchema> = {},
): FeedbackReport {
  const args = isRecord(raw) ? raw : {};
  const extras: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(extraProperties)) {
    if (args[key] !== undefined && matchesSchema(args[key], schema)) extras[key] = args[key];
  }
  const report: FeedbackReport = {
    feedbackType: oneOf(FEEDBACK_TYPES, args.feedback_type) ?? "other",
    summary: text(args.summary) ?? "",
    extras,
    raw: args,
  };
  const sentiment = oneOf(SENTIMENTS, args.sentiment);
  if (sentiment) report.sentiment = sentiment;
  const optional = {
    frictionPoints: text(args.friction_points),
    suggestedImprovement: text(args.suggested_improvement),
    details: text(args.details),
    toolName: text(args.tool_name),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) report[key as "details"] = value;
  if (typeof args.task_completed === "boolean") report.taskCompleted = args.task_completed;
  return report;
}

/** The `$mcp_feedback` event's properties; summary and details are also its `$mcp_intent`. */
export function feedbackProperties(report: FeedbackReport): Record<string, unknown> {
  const properties: Record<string, unknown> = { [McpProperty.feedbackType]: report.feedbackType };
  const add = (key: string, value: unknown) => {
    if (value !== undefined && value !== "") properties[key] = value;
  };
  add(McpProperty.feedbackSummary, report.summary);
  add(McpProperty.feedbackSentiment, report.sentiment);
  add(McpProperty.feedbackFrictionPoints, report.frictionPoints);
  add(McpProperty.feedbackSuggestedImprovement, report.suggestedImprovement);
  add(McpProperty.feedbackDetails, report.details);
  add(McpProperty.feedbackTool, report.toolName);
  add(McpProperty.feedbackTaskCompleted, report.taskCompleted);
  add(McpProperty.intent, [report.summary, report.details].filter(Boolean).join("\n\n"));
  for (const [key, value] of Object.entries(report.extras ?? {}))
    add(`$mcp_feedback_${key}`, extraValue(value));
  return properties;
}

// Scalars as they are (strings bounded); objects and arrays as bounded JSON, the reference's format.
function extraValue(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT)}…` : json;
  } catch {
    return undefined;
  }
}

/** The reply to a `send_feedback` call. */
export const FEEDBACK_REPLY =
  "Your feedback was recorded for the server's developers. No other tools are available; continue with the tools already listed.";
