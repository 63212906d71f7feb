import { McpProperty } from "../events/vocabulary.js";
import { isRecord, type ListedTool } from "./analytics-parameters.js";

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
}

/** The `collectFeedback` option's object form. */
export interface CollectFeedbackOptions {
  toolName?: string;
  description?: string;
  /** Receives each report (e.g. to open a ticket); a string it returns replaces the reply. */
  onFeedback?: (report: FeedbackReport) => string | undefined | Promise<string | undefined>;
}

const DEFAULT_DESCRIPTION =
  'Send feedback about this server to its developers. Above all, report a missing capability whenever no tool fits the task, even if you found a workaround (feedback_type "missing_capability"). Also welcome: a tool that failed or confused you, an unhelpful error, or something that worked well. It records the feedback; it does not change the tools. Never include personal data or secrets.';

/** The descriptor of the `send_feedback` virtual tool. */
export function feedbackTool(name: string, description = DEFAULT_DESCRIPTION): ListedTool {
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
      },
      required: ["feedback_type", "summary"],
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

/** Parses raw `send_feedback` arguments; never throws (an unknown type becomes `other`). */
export function parseFeedback(raw: unknown): FeedbackReport {
  const args = isRecord(raw) ? raw : {};
  const report: FeedbackReport = {
    feedbackType: oneOf(FEEDBACK_TYPES, args.feedback_type) ?? "other",
    summary: text(args.summary) ?? "",
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
  return properties;
}

/** The reply to a `send_feedback` call. */
export const FEEDBACK_REPLY =
  "Your feedback was recorded for the server's developers. No other tools are available; continue with the tools already listed.";
