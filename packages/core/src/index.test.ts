import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "./index.js";

describe("public surface", () => {
  it("pins the package's export map", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
      publishConfig: { exports: Record<string, unknown> };
    };
    expect(Object.keys(manifest.exports)).toEqual([".", "./internal", "./package.json"]);
    expect(Object.keys(manifest.publishConfig.exports)).toEqual([".", "./internal", "./package.json"]);
  });

  it("pins the runtime exports, so a rename or removal is a deliberate change", () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "AcknowledgedCountGuardSchema",
        "AllowValuesGuardSchema",
        "AnnotationsSchema",
        "ArgumentBindingSchema",
        "ArgumentRulesSchema",
        "BodyBindingSchema",
        "BodyContentTypeSchema",
        "CONFIG_FILE_NAMES",
        "CONFIRMATION_TOKEN_ARGUMENT",
        "CatalogToolSchema",
        "ConfirmGuardSchema",
        "ConfirmOptionSchema",
        "ContextSourceSchema",
        "DEFAULT_MCP_VERSION",
        "DefinitionFileSchema",
        "DotPathSchema",
        "EnrichUrlSchema",
        "FOREIGN_FILE_KEYS",
        "FOREIGN_TOOL_KEYS",
        "FeatureFlagBehaviorSchema",
        "FeatureIdSchema",
        "FixedValueSchema",
        "GuardLookupSchema",
        "GuardSchema",
        "GuardValueSchema",
        "HttpMethodSchema",
        "MAX_TOOL_NAME_LENGTH",
        "MCP_VERSIONS",
        "McpToolAnnotationsSchema",
        "McpVersionSchema",
        "ObjectJsonSchemaSchema",
        "OperationBindingSchema",
        "PARAM_CAST_INPUT",
        "ParamCastSchema",
        "ParamOverrideSchema",
        "RateLimitGuardSchema",
        "RejectFieldsGuardSchema",
        "RequireStateGuardSchema",
        "ResolvedAnnotationsSchema",
        "ResponseFilterSchema",
        "ScopeAccessSchema",
        "ScopeSchema",
        "ServeConfigSchema",
        "SoftDeleteSchema",
        "TOOL_DEFINITIONS_FORMAT",
        "ToolConfigSchema",
        "ToolDefinitionsFileSchema",
        "ToolNameSchema",
        "ToolwrightConfigSchema",
        "ToolwrightError",
        "accessForMethod",
        "annotationsRequired",
        "applyParamCast",
        "checkDefinitionSet",
        "createConfirmationToken",
        "createMemoryRateLimiter",
        "createMemoryReplayStore",
        "defaultScopes",
        "defineConfig",
        "definitionIssuesError",
        "definitionKeyLine",
        "effectiveFeatureFlag",
        "evaluateGuards",
        "featureIdProblem",
        "formatDefinitionIssue",
        "formatLocation",
        "grants",
        "guardRejectionError",
        "hasScopes",
        "isScope",
        "isScopeResource",
        "isToolwrightError",
        "missingScopes",
        "parseDefinitionFile",
        "parseScope",
        "parseScopes",
        "parseToolDefinitions",
        "rateLimitKey",
        "rateLimitMessage",
        "readScopes",
        "resolveAnnotations",
        "retryAfterSentence",
        "safeParseDefinitionFile",
        "scope",
        "toMcpAnnotations",
        "toolGuards",
        "toolNameProblem",
        "verifyConfirmationToken",
      ]
    `);
  });
});
