import { describe, expect, it } from "vitest";
import {
  FeatureIdSchema,
  featureIdProblem,
  MAX_TOOL_NAME_LENGTH,
  ToolNameSchema,
  toolNameProblem,
} from "./naming.js";

describe("tool names", () => {
  it.each(["alert-get", "workflow-send-batch", "a", "v2-list", "a".repeat(52)])("accepts %s", (name) => {
    expect(toolNameProblem(name)).toBeNull();
    expect(ToolNameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ["", "tool name is empty"],
    ["a".repeat(53), `tool name '${"a".repeat(53)}' is 53 characters; the limit is 52`],
    ["-get", "tool name '-get' must not start or end with '-'"],
    ["get-", "tool name 'get-' must not start or end with '-'"],
    ["alert--get", "tool name 'alert--get' must not contain '--'"],
    ["Alert-get", "tool name 'Alert-get' may only use lowercase letters, digits and '-'"],
    ["alert get", "tool name 'alert get' may only use lowercase letters, digits and '-'"],
    ["-", "tool name '-' must not start or end with '-'"],
  ])("rejects %j", (name, message) => {
    expect(toolNameProblem(name)).toBe(message);
    expect(ToolNameSchema.safeParse(name).error?.issues[0]?.message).toBe(message);
  });

  it("keeps room for a client prefix within 64 characters", () => {
    expect(MAX_TOOL_NAME_LENGTH).toBe(52);
  });
});

describe("feature ids", () => {
  it.each(["workflows", "error_tracking", "a1", "web_analytics_2"])("accepts %s", (id) => {
    expect(featureIdProblem(id)).toBeNull();
    expect(FeatureIdSchema.parse(id)).toBe(id);
  });

  it.each(["Workflows", "error-tracking", "2fa", "_x", "x_", "a__b", ""])("rejects %j", (id) => {
    expect(featureIdProblem(id)).toContain(`feature '${id}' must be snake_case starting with a letter`);
    expect(FeatureIdSchema.safeParse(id).success).toBe(false);
  });
});
