import { describe, expect, it } from "vitest";
import type { AnalyticsEvent } from "../events/analytics-event.js";
import { eventBytes, fitEventSize } from "./fit-event-size.js";
import { DEFAULT_SANITIZE_LIMITS } from "./sanitize.js";

const options = { ...DEFAULT_SANITIZE_LIMITS, secrets: [] };

function eventWith(properties: Record<string, unknown>): AnalyticsEvent {
  return { event: "$mcp_tool_call", distinct_id: "d", properties, timestamp: "t", uuid: "u" };
}

describe("fitEventSize", () => {
  it("leaves small events untouched", () => {
    const event = eventWith({ $mcp_tool_name: "a" });
    expect(fitEventSize(event, 100_000, options)).toBe(event);
  });

  it("shrinks the largest properties until the event fits, keeping valid JSON and small properties", () => {
    const rows = Array.from({ length: 100 }, (_, index) => ({ id: index, text: "é".repeat(3000) }));
    const event = eventWith({
      $mcp_tool_name: "big",
      $mcp_response: { rows },
      $mcp_parameters: { q: "x".repeat(3000) },
    });
    expect(eventBytes(event)).toBeGreaterThan(100_000);
    const fitted = fitEventSize(event, 100_000, options);
    expect(eventBytes(fitted)).toBeLessThanOrEqual(100_000);
    expect(JSON.parse(JSON.stringify(fitted))).toEqual(fitted);
    expect(fitted.properties.$mcp_tool_name).toBe("big");
    expect(JSON.stringify(fitted.properties.$mcp_response)).toContain("truncated");
  });

  it("replaces a property with a marker when no limit makes it fit", () => {
    const event = eventWith({
      $mcp_tool_name: "x",
      many: Array.from({ length: 2000 }, () => "y".repeat(40)),
    });
    const fitted = fitEventSize(event, 2000, { ...options });
    expect(eventBytes(fitted)).toBeLessThanOrEqual(2000);
    expect(fitted.properties.$mcp_tool_name).toBe("x");
  });
});
