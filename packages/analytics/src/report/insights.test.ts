import { describe, expect, it } from "vitest";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { renderHtmlReport } from "./render-html.js";
import { summarizeEvents } from "./summarize.js";

let clock = Date.parse("2026-05-01T10:00:00Z");

function call(
  caller: string,
  session: string,
  tool: string,
  outcome: { error?: string; kind?: string; guard?: string; token?: boolean } = {},
): AnalyticsEvent {
  clock += 90_000;
  const properties: Record<string, unknown> = {
    $session_id: session,
    $mcp_tool_name: tool,
    $mcp_client_name: caller === "key:1" ? "claude-code" : "cursor",
    $mcp_is_error: outcome.error !== undefined,
    $mcp_parameters: {
      request: {
        method: "tools/call",
        params: { name: tool, arguments: outcome.token ? { confirmation_token: "[REDACTED]" } : {} },
      },
    },
  };
  if (outcome.error !== undefined) properties.$mcp_error_message = outcome.error;
  if (outcome.kind !== undefined) properties.$mcp_error_kind = outcome.kind;
  if (outcome.guard !== undefined) properties.$mcp_guard_type = outcome.guard;
  return {
    event: "$mcp_tool_call",
    distinct_id: caller,
    properties,
    timestamp: new Date(clock).toISOString(),
    uuid: "u",
  };
}

const events: AnalyticsEvent[] = [
  call("key:1", "s1", "persons-list"),
  call("key:1", "s1", "alert-get"),
  call("key:1", "s1", "alert-delete"),
  call("key:1", "s1", "alert-delete", { token: true }),
  call("key:1", "s1", "alert-delete", { token: true, error: "The confirmation token was already used." }),
  call("key:2", "s2", "alert-delete", {
    error: "'alert-delete' needs the scope 'alert:write', which this API key does not have.",
  }),
  call("key:2", "s2", "workflows-run-batch", {
    error: "x",
    kind: "guard_refusal",
    guard: "acknowledged_count",
  }),
  call("key:2", "s2", "persons-list", { error: "The upstream failed (HTTP 502): bad gateway." }),
  call("key:2", "s2", "persons-list"),
  call("key:1", "s3", "persons-list"),
  call("key:1", "s3", "alert-get"),
];

describe("report insights", () => {
  const summary = summarizeEvents(events);
  const { insights } = summary;

  it("counts sessions, callers and clients", () => {
    expect(summary.sessions).toBe(3);
    expect(insights.byCaller.map((group) => [group.name, group.calls, group.errors, group.sessions])).toEqual(
      [
        ["key:1", 7, 1, 2],
        ["key:2", 4, 3, 1],
      ],
    );
    expect(insights.byClient.map((group) => group.name)).toEqual(["claude-code", "cursor"]);
  });

  it("groups failures by kind, from the recorded kind or the message of older events", () => {
    expect(insights.errorKinds).toEqual([
      { kind: "guard_refusal:acknowledged_count", count: 1 },
      { kind: "scope_refusal", count: 1 },
      { kind: "tool_error", count: 1 },
      { kind: "upstream_5xx", count: 1 },
    ]);
  });

  it("tells confirm prepare from execute, and leaves refused calls out of both", () => {
    expect(insights.confirm).toEqual([{ tool: "alert-delete", prepared: 1, executed: 1, failed: 1 }]);
  });

  it("finds the next tool agents call within a session, and buckets calls over time", () => {
    expect(insights.paths.slice(0, 2)).toEqual([
      { from: "alert-delete", to: "alert-delete", count: 2 },
      { from: "persons-list", to: "alert-get", count: 2 },
    ]);
    expect(insights.paths.some((path) => path.from === "alert-get" && path.to === "persons-list")).toBe(
      false,
    );
    expect(insights.bucketMs).toBe(60_000);
    expect(insights.overTime.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(11);
    expect(insights.overTime.reduce((sum, bucket) => sum + bucket.errors, 0)).toBe(4);
  });

  it("draws charts for each of them in the HTML page", () => {
    const html = renderHtmlReport(summary);
    for (const title of [
      "Tool calls over time",
      "Calls and failures per MCP client",
      "Calls and failures per caller (distinct id)",
      "Failed calls by kind",
      "Confirm tools: prepared vs executed",
      "What agents call next (top paths within sessions)",
    ]) {
      expect(html).toContain(`<svg role="img" aria-label="${title}"`);
    }
    expect(html).toContain("guard refusal: acknowledged_count");
    expect(html).toContain("persons-list → alert-get");
    expect(html).not.toContain("<script");
  });
});
