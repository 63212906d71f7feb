import type { AnalyticsEvent } from "../events/analytics-event.js";
import { McpEventName, McpProperty } from "../events/vocabulary.js";
import { type UsageInsights, usageInsights } from "./insights.js";

/** Usage of one tool. */
export interface ToolUsage {
  name: string;
  calls: number;
  errors: number;
  /** Errors divided by calls, 0 to 1. */
  errorRate: number;
  /** Median and 95th percentile duration in milliseconds (nearest rank); null without durations. */
  p50Ms: number | null;
  p95Ms: number | null;
}

/** A text and how often it occurred. */
export interface Counted {
  text: string;
  count: number;
}

/** Everything the report shows. */
export interface UsageSummary {
  from: string | null;
  to: string | null;
  events: number;
  sessions: number;
  toolCalls: number;
  errors: number;
  /** Busiest first. */
  tools: ToolUsage[];
  topIntents: Counted[];
  missingCapabilities: Counted[];
  /** Tools that appeared in a `tools/list` answer but were never called. */
  neverCalled: string[];
  clients: Counted[];
  /** Calls over time, by client and caller, failure kinds, confirm steps and next-tool paths. */
  insights: UsageInsights;
}

/** Nearest-rank percentile of a list of numbers. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** Summarizes events: calls, error rate and latency per tool, intents, missing capabilities, unused tools. */
export function summarizeEvents(events: AnalyticsEvent[], top = 10): UsageSummary {
  const calls = events.filter((event) => event.event === McpEventName.toolCall);
  const tools = toolUsage(calls);
  const called = new Set(tools.map((tool) => tool.name));
  const listed = new Set(
    events
      .filter((event) => event.event === McpEventName.toolsList)
      .flatMap((event) => stringArray(event.properties[McpProperty.listedToolNames])),
  );
  const timestamps = events.map((event) => event.timestamp).sort();
  return {
    from: timestamps[0] ?? null,
    to: timestamps.at(-1) ?? null,
    events: events.length,
    sessions: new Set(events.map((event) => event.properties[McpProperty.sessionId]).filter(Boolean)).size,
    toolCalls: calls.length,
    errors: tools.reduce((sum, tool) => sum + tool.errors, 0),
    tools,
    topIntents: countTexts(
      calls.map((event) => event.properties[McpProperty.intent]),
      top,
    ),
    missingCapabilities: countTexts(
      events
        .filter((event) => event.event === McpEventName.missingCapability)
        .map((event) => event.properties[McpProperty.intent]),
      top,
    ),
    neverCalled: [...listed].filter((name) => !called.has(name)).sort(),
    clients: countTexts(
      events
        .filter((event) => event.event === McpEventName.initialize)
        .map((event) => event.properties[McpProperty.clientName]),
      top,
    ),
    insights: usageInsights(events, top),
  };
}

function toolUsage(calls: AnalyticsEvent[]): ToolUsage[] {
  const byTool = new Map<string, { calls: number; errors: number; durations: number[] }>();
  for (const call of calls) {
    const name = String(call.properties[McpProperty.toolName] ?? "(unknown)");
    const entry = byTool.get(name) ?? { calls: 0, errors: 0, durations: [] };
    entry.calls++;
    if (call.properties[McpProperty.isError] === true) entry.errors++;
    const duration = call.properties[McpProperty.durationMs];
    if (typeof duration === "number") entry.durations.push(duration);
    byTool.set(name, entry);
  }
  return [...byTool.entries()]
    .map(([name, entry]) => ({
      name,
      calls: entry.calls,
      errors: entry.errors,
      errorRate: entry.errors / entry.calls,
      p50Ms: percentile(entry.durations, 50),
      p95Ms: percentile(entry.durations, 95),
    }))
    .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
}

function countTexts(values: unknown[], top: number): Counted[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (typeof value !== "string" || value.trim() === "") continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, top);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
