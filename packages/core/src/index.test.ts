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
        "ArgumentRulesSchema",
        "BodyBindingSchema",
        "BodyContentTypeSchema",
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
        "REDACTED",
        "RejectFieldsGuardSchema",
        "RequireStateGuardSchema",
        "ResolvedAnnotationsSchema",
        "ResponseFilterSchema",
        "ScopeAccessSchema",
        "ScopeSchema",
        "SoftDeleteSchema",
        "TOOL_DEFINITIONS_FORMAT",
        "ToolConfigSchema",
        "ToolDefinitionsFileSchema",
        "ToolNameSchema",
        "ToolwrightError",
        "accessForMethod",
        "annotationsRequired",
        "applyParamCast",
        "canonicalJson",
        "checkDefinitionSet",
        "createConfirmationToken",
        "createMemoryReplayStore",
        "defaultScopes",
        "definitionIssuesError",
        "definitionKeyLine",
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
        "readScopes",
        "redactSecrets",
        "resolveAnnotations",
        "resolveParams",
        "resolveTemplate",
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
