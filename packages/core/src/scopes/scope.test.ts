import { describe, expect, it } from "vitest";
import { isScope, isScopeResource, parseScope, ScopeSchema, scope } from "./scope.js";

describe("scope", () => {
  it("parses scope strings into resource and access", () => {
    expect(parseScope(ScopeSchema.parse("cohort:read"))).toEqual({ resource: "cohort", access: "read" });
    expect(parseScope(ScopeSchema.parse("error_tracking:write"))).toEqual({
      resource: "error_tracking",
      access: "write",
    });
    expect(parseScope(ScopeSchema.parse("*"))).toEqual({ resource: "*", access: "write" });
  });

  it("validates with a message naming the scope", () => {
    expect(ScopeSchema.safeParse("cohort:delete").error?.issues[0]?.message).toBe(
      "invalid scope 'cohort:delete': expected 'resource:read', 'resource:write' or '*' (resource is snake_case)",
    );
    expect(isScope("cohort:read")).toBe(true);
    expect(isScope("cohort")).toBe(false);
  });

  it("builds scopes from parts and refuses a bad resource", () => {
    expect(scope("insight", "write")).toBe("insight:write");
    expect(() => scope("Insight", "read")).toThrow("invalid scope 'Insight:read'");
    expect(isScopeResource("feature_flag")).toBe(true);
    expect(isScopeResource("feature-flag")).toBe(false);
  });
});
