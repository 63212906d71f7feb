import { describe, expect, it } from "vitest";
import type { Guard } from "../guards/guard.js";
import { effectiveFeatureFlag } from "./definition-file.js";
import { ToolConfigSchema, toolGuards } from "./tool-config.js";

describe("ToolConfigSchema", () => {
  it("applies defaults to a minimal tool", () => {
    expect(ToolConfigSchema.parse({ operation: "alerts_list" })).toEqual({
      operation: "alerts_list",
      enabled: true,
      list: false,
    });
  });

  it("rejects an empty operation with an actionable message", () => {
    const result = ToolConfigSchema.safeParse({ operation: "" });
    expect(result.error?.issues[0]?.message).toBe("operation must name an OpenAPI operationId");
  });

  it("accepts a disabled tool that says why", () => {
    expect(
      ToolConfigSchema.safeParse({ operation: "a", enabled: false, disabled_reason: "Deprecated upstream." })
        .success,
    ).toBe(true);
  });
});

describe("toolGuards", () => {
  const reject: Guard = { type: "reject_fields", fields: ["filters.events"], message: "No events." };

  it("returns no guards for a tool without any", () => {
    expect(toolGuards({})).toEqual([]);
  });

  it("turns confirm: true into a confirm guard with the default ttl, after the other guards", () => {
    expect(toolGuards({ confirm: true, guards: [reject] })).toEqual([
      reject,
      { type: "confirm", ttl_seconds: 300 },
    ]);
  });

  it("keeps confirm options and moves a confirm guard to the end", () => {
    expect(toolGuards({ confirm: { summary: "Delete {args.id}", ttl_seconds: 60 } })).toEqual([
      { type: "confirm", summary: "Delete {args.id}", ttl_seconds: 60 },
    ]);
    expect(toolGuards({ guards: [{ type: "confirm", ttl_seconds: 30 }, reject] })).toEqual([
      reject,
      { type: "confirm", ttl_seconds: 30 },
    ]);
  });
});

describe("effectiveFeatureFlag", () => {
  it("uses the tool's flag before the file's, defaulting the behaviour to enable", () => {
    expect(effectiveFeatureFlag({}, {})).toBeNull();
    expect(effectiveFeatureFlag({ feature_flag: "file-flag" }, {})).toEqual({
      key: "file-flag",
      behavior: "enable",
    });
    expect(
      effectiveFeatureFlag(
        { feature_flag: "file-flag", feature_flag_behavior: "disable" },
        { feature_flag: "tool-flag" },
      ),
    ).toEqual({ key: "tool-flag", behavior: "enable" });
    expect(
      effectiveFeatureFlag(
        { feature_flag: "file-flag", feature_flag_behavior: "disable" },
        { feature_flag_behavior: "enable" },
      ),
    ).toEqual({ key: "file-flag", behavior: "disable" });
  });
});
