import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "./index.js";

describe("public surface", () => {
  it("pins the package's export map", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
      publishConfig: { exports: Record<string, unknown> };
    };
    expect(Object.keys(manifest.exports)).toEqual([".", "./package.json"]);
    expect(Object.keys(manifest.publishConfig.exports)).toEqual([".", "./package.json"]);
  });

  it("pins the runtime exports, so a rename or removal is a deliberate change", () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "AcknowledgedCountGuardSchema",
        "AllowValuesGuardSchema",
        "AnnotationsSchema",
        "ArgumentBindingSchema",
        "BodyBindingSchema",
        "BodyContentTypeSchema",
        "CONFIG_FILE_NAMES",
        "CONFIRMATION_TOKEN_ARGUMENT",
        "CatalogToolSchema",
        "ConfirmGuardSchema",
        "ConfirmOptionSchema",
        "DefinitionFileSchema",
        "DotPathSchema",
        "EnrichUrlSchema",
        "FeatureFlagBehaviorSchema",
        "FeatureIdSchema",
        "GuardLookupSchema",
        "GuardSchema",
        "GuardValueSchema",
        "HttpMethodSchema",
        "MAX_TOOL_NAME_LENGTH",
        "McpToolAnnotationsSchema",
        "ObjectJsonSchemaSchema",
        "OperationBindingSchema",
        "ParamOverrideSchema",
        "REDACTED",
        "RateLimitGuardSchema",
        "RejectFieldsGuardSchema",
        "RequireStateGuardSchema",
        "ResolvedAnnotationsSchema",
        "ResponseFilterSchema",
        "ScopeAccessSchema",
        "ScopeSchema",
        "ServeConfigSchema",
        "TOOL_DEFINITIONS_FORMAT",
        "ToolConfigSchema",
        "ToolDefinitionsFileSchema",
        "ToolNameSchema",
        "ToolwrightConfigSchema",
        "ToolwrightError",
        "accessForMethod",
        "annotationsRequired",
        "canonicalJson",
        "checkDefinitionSet",
        "createConfirmationToken",
        "createMemoryRateLimiter",
        "createMemoryReplayStore",
        "defaultScopes",
        "defineConfig",
        "definitionIssuesError",
        "effectiveFeatureFlag",
        "evaluateGuards",
        "featureIdProblem",
        "formatDefinitionIssue",
        "formatLocation",
        "getPath",
        "grants",
        "guardRejectionError",
        "hasScopes",
        "isScope",
        "isScopeResource",
        "isToolwrightError",
        "matchPath",
        "missingScopes",
        "parseDefinitionFile",
        "parseScope",
        "parseScopes",
        "parseToolDefinitions",
        "rateLimitKey",
        "rateLimitMessage",
        "readScopes",
        "redactSecrets",
        "resolveAnnotations",
        "resolveParams",
        "resolveTemplate",
        "retryAfterSentence",
        "safeParseDefinitionFile",
        "scope",
        "sortKeys",
        "templatePlaceholders",
        "toMcpAnnotations",
        "toolGuards",
        "toolNameProblem",
        "verifyConfirmationToken",
      ]
    `);
  });
});
