import type { AnalyticsEvent } from "../events/analytics-event.js";
import { McpEventName, McpProperty } from "../events/vocabulary.js";
import { classifyError } from "../recorder/error-kind.js";

/** Calls and errors in one time bucket. */
export interface TimeBucket {
  /** The bucket's start, ISO 8601. */
  start: string;
  calls: number;
  errors: number;
}

/** Calls and errors of one client or caller. */
export interface GroupUsage {
  name: string;
  calls: number;
  errors: number;
  sessions: number;
}

/** Prepare and execute steps of one confirm tool. */
interface ConfirmUsage {
  tool: string;
  /** Successful calls without a confirmation token: the server answered with one to show the user. */
  prepared: number;
  /** Calls with a token: the confirmed change ran (or was refused, counted in `failed`). */
  executed: number;
  failed: number;
}

/** One step from a tool to the next within a session, and how often agents took it. */
interface ToolPath {
  from: string;
  to: string;
  count: number;
}

/** What the report adds beyond per-tool figures. */
export interface UsageInsights {
  /** Bucket width in milliseconds (a minute, an hour or a day, depending on the period). */
  bucketMs: number;
  overTime: TimeBucket[];
  byClient: GroupUsage[];
  byCaller: GroupUsage[];
  /** Failures by kind; a guard refusal is split by guard (`guard_refusal:acknowledged_count`). */
  errorKinds: { kind: string; count: number }[];
  confirm: ConfirmUsage[];
  paths: ToolPath[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_BUCKETS = 60;

/** Groups tool calls over time, by client and caller, by failure kind, confirm steps and next-tool paths. */
export function usageInsights(events: AnalyticsEvent[], top = 10): UsageInsights {
  const calls = events
    .filter((event) => event.event === McpEventName.toolCall)
    .sort((left, right) => left.timestamp.localeCompare(right.timestamp));
  const { bucketMs, buckets } = overTime(calls);
  return {
    bucketMs,
    overTime: buckets,
    byClient: groupUsage(
      calls,
      (call) => stringProperty(call, McpProperty.clientName) ?? "(unknown client)",
      top,
    ),
    byCaller: groupUsage(calls, (call) => call.distinct_id, top),
    errorKinds: errorKinds(calls),
    confirm: confirmUsage(calls),
    paths: nextToolPaths(calls, top),
  };
}

function stringProperty(event: AnalyticsEvent, key: string): string | undefined {
  const value = event.properties[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isError(event: AnalyticsEvent): boolean {
  return event.properties[McpProperty.isError] === true;
}

function overTime(calls: AnalyticsEvent[]): { bucketMs: number; buckets: TimeBucket[] } {
  const times = calls.map((call) => Date.parse(call.timestamp)).filter(Number.isFinite);
  if (times.length === 0) return { bucketMs: MINUTE, buckets: [] };
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const bucketMs =
    [SECOND, 10 * SECOND, MINUTE, 5 * MINUTE, HOUR, 6 * HOUR, DAY].find(
      (width) => span / width < MAX_BUCKETS,
    ) ?? DAY;
  const origin = Math.floor(first / bucketMs) * bucketMs;
  const count = Math.floor((first + span - origin) / bucketMs) + 1;
  const buckets = Array.from({ length: Math.min(count, MAX_BUCKETS + 1) }, (_, index) => ({
    start: new Date(origin + index * bucketMs).toISOString(),
    calls: 0,
    errors: 0,
  }));
  calls.forEach((call, index) => {
    const time = times[index];
    if (time === undefined) return;
    const bucket = buckets[Math.floor((time - origin) / bucketMs)];
    if (!bucket) return;
    bucket.calls++;
    if (isError(call)) bucket.errors++;
  });
  return { bucketMs, buckets };
}

function groupUsage(
  calls: AnalyticsEvent[],
  keyOf: (call: AnalyticsEvent) => string,
  top: number,
): GroupUsage[] {
  const groups = new Map<string, { calls: number; errors: number; sessions: Set<unknown> }>();
  for (const call of calls) {
    const name = keyOf(call);
    const group = groups.get(name) ?? { calls: 0, errors: 0, sessions: new Set() };
    group.calls++;
    if (isError(call)) group.errors++;
    group.sessions.add(call.properties[McpProperty.sessionId]);
    groups.set(name, group);
  }
  return [...groups.entries()]
    .map(([name, group]) => ({
      name,
      calls: group.calls,
      errors: group.errors,
      sessions: group.sessions.size,
    }))
    .sort((left, right) => right.calls - left.calls || left.name.localeCompare(right.name))
    .slice(0, top);
}

// Events written before `$mcp_error_kind` existed are classified from their error message.
function errorKindOf(call: AnalyticsEvent): string {
  const recorded = stringProperty(call, McpProperty.errorKind);
  const guard = stringProperty(call, McpProperty.guardType);
  if (recorded !== undefined)
    return recorded === "guard_refusal" && guard ? `${recorded}:${guard}` : recorded;
  const classified = classifyError(stringProperty(call, McpProperty.errorMessage), false);
  return classified.guardType ? `${classified.kind}:${classified.guardType}` : classified.kind;
}

function errorKinds(calls: AnalyticsEvent[]): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const call of calls.filter(isError)) {
    const kind = errorKindOf(call);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([kind, count]) => ({ kind, count }))
    .sort((left, right) => right.count - left.count || left.kind.localeCompare(right.kind));
}

function argumentsOf(call: AnalyticsEvent): Record<string, unknown> | undefined {
  const parameters = call.properties[McpProperty.parameters] as
    | { request?: { params?: { arguments?: unknown } } }
    | undefined;
  const args = parameters?.request?.params?.arguments;
  return typeof args === "object" && args !== null ? (args as Record<string, unknown>) : undefined;
}

// A tool is a confirm tool once a call of it carried `confirmation_token` (its value is always redacted).
function confirmUsage(calls: AnalyticsEvent[]): ConfirmUsage[] {
  const withToken = (call: AnalyticsEvent) => argumentsOf(call)?.confirmation_token !== undefined;
  const tools = new Set(calls.filter(withToken).map((call) => stringProperty(call, McpProperty.toolName)));
  const usage = new Map<string, ConfirmUsage>();
  for (const call of calls) {
    const tool = stringProperty(call, McpProperty.toolName);
    if (tool === undefined || !tools.has(tool)) continue;
    const entry = usage.get(tool) ?? { tool, prepared: 0, executed: 0, failed: 0 };
    // A call without a token that failed was refused before any prepare step (scope, arguments).
    if (!withToken(call)) {
      if (!isError(call)) entry.prepared++;
    } else if (isError(call)) entry.failed++;
    else entry.executed++;
    usage.set(tool, entry);
  }
  return [...usage.values()].sort((left, right) => left.tool.localeCompare(right.tool));
}

function nextToolPaths(calls: AnalyticsEvent[], top: number): ToolPath[] {
  const lastTool = new Map<unknown, string>();
  const counts = new Map<string, ToolPath>();
  for (const call of calls) {
    const session = call.properties[McpProperty.sessionId];
    const tool = stringProperty(call, McpProperty.toolName);
    if (session === undefined || tool === undefined) continue;
    const previous = lastTool.get(session);
    lastTool.set(session, tool);
    if (previous === undefined) continue;
    const key = `${previous}\u0000${tool}`;
    const path = counts.get(key) ?? { from: previous, to: tool, count: 0 };
    path.count++;
    counts.set(key, path);
  }
  return [...counts.values()]
    .sort(
      (left, right) =>
        right.count - left.count || `${left.from}${left.to}`.localeCompare(`${right.from}${right.to}`),
    )
    .slice(0, top);
}
