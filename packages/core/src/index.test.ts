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
        "CONFIRMATION_TOKEN_ARGUMENT",
        "CatalogToolSchema",
        "ConfirmGuardSchema",
        "ConfirmOptionSchema",
        "DefinitionFileSchema",
        "DotPathSchema",
        "EnrichUrlSchema",
        "FeatureFlagBehaviorSchema",
        "FeatureIdSchema",
        "FixedValueSchema",
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
        "RejectFieldsGuardSchema",
        "RequireStateGuardSchema",
        "ResolvedAnnotationsSchema",
        "ResponseFilterSchema",
        "ScopeAccessSchema",
        "ScopeSchema",
        "TOOL_DEFINITIONS_FORMAT",
        "ToolConfigSchema",
        "ToolDefinitionsFileSchema",
        "ToolNameSchema",
        "ToolwrightError",
        "accessForMethod",
        "annotationsRequired",
        "canonicalJson",
        "checkDefinitionSet",
        "createConfirmationToken",
        "createMemoryReplayStore",
        "defaultScopes",
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
