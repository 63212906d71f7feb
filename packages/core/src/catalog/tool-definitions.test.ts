import { describe, expect, it } from "vitest";
import { isToolwrightError } from "../errors/toolwright-error.js";
import {
  type OperationBinding,
  parseToolDefinitions,
  TOOL_DEFINITIONS_FORMAT,
  type ToolDefinitionsFile,
} from "./tool-definitions.js";

const retrieveBinding: OperationBinding = {
  operationId: "workflows_retrieve",
  method: "GET",
  path: "/api/projects/{project_id}/workflows/{id}",
  arguments: [
    { argument: "project_id", in: "path", name: "project_id" },
    { argument: "id", in: "path", name: "id" },
  ],
  body: null,
};

function catalog(): ToolDefinitionsFile {
  return {
    $schema: "https://toolwright.dev/schema/tool-definitions.json",
    format: TOOL_DEFINITIONS_FORMAT,
    generator: "@toolwright/codegen 0.0.0",
    spec: { title: "Product API", version: "1.0.0", openapi: "3.0.3" },
    upstream: "https://api.example.com",
    tools: [
      {
        name: "workflow-send-batch",
        title: "Send a batch workflow",
        description: "Send a batch workflow to its audience now.",
        category: "Workflows",
        feature: "workflows",
        inputSchema: {
          type: "object",
          properties: { id: { type: "integer" }, acknowledged_audience_count: { type: "integer" } },
          required: ["id", "acknowledged_audience_count"],
          additionalProperties: false,
        },
        outputSchema: null,
        annotations: {
          readOnlyHint: false,
          destructiveHint: false,
          idempotentHint: false,
          openWorldHint: true,
        },
        scopes: ["workflow:write" as never],
        featureFlag: { key: "workflows-mcp", behavior: "enable" },
        binding: {
          operationId: "workflows_send_batch_create",
          method: "POST",
          path: "/api/projects/{project_id}/workflows/{id}/send_batch",
          arguments: [
            { argument: "id", in: "path", name: "id" },
            { argument: "acknowledged_audience_count", in: "body", name: "acknowledged_audience_count" },
            { argument: "tags", in: "query", name: "tags", style: "form", explode: false },
          ],
          body: { contentType: "application/json", required: true, mode: "fields" },
        },
        list: false,
        response: { exclude: ["internal_notes"], strip_nulls: true },
        enrichUrl: { urlPrefix: "/workflows", template: "{id}" },
        guards: [
          {
            type: "require_state",
            target: { operation: "workflows_retrieve", params: { id: "{args.id}" } },
            field: "status",
            allowed: ["active"],
          },
          { type: "confirm", ttl_seconds: 300 },
        ],
        source: { file: "workflows/mcp/workflows.yaml", line: 32 },
      },
    ],
    lookups: { workflows_retrieve: retrieveBinding },
  };
}

function thrownBy(action: () => unknown) {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("parseToolDefinitions", () => {
  it("accepts a realistic catalog and round-trips it through JSON", () => {
    const data = JSON.parse(JSON.stringify(catalog())) as unknown;
    const parsed = parseToolDefinitions(data);
    expect(parsed).toEqual(data);
    expect(parsed.tools[0]?.binding.body?.contentType).toBe("application/json");
  });

  it("rejects a bad tool, naming the file, the tool and the key", () => {
    const data = catalog();
    (data.tools[0] as unknown as Record<string, unknown>).scopes = ["workflow:admin"];
    (data.tools[0]?.binding as unknown as Record<string, unknown>).method = "FETCH";
    const error = thrownBy(() => parseToolDefinitions(data, "dist/tool-definitions.json"));
    expect(isToolwrightError(error) && error.code).toBe("invalid_catalog");
    const message = (error as Error).message;
    expect(message).toContain("dist/tool-definitions.json is not a valid tool definitions file:");
    expect(message).toContain("tool 'workflow-send-batch': key 'scopes.0': invalid scope 'workflow:admin'");
    expect(message).toContain(
      `tool 'workflow-send-batch': key 'binding.method': expected one of "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", got 'FETCH'`,
    );
    const details = isToolwrightError(error) ? (error.details.issues as Array<Record<string, unknown>>) : [];
    expect(details).toHaveLength(2);
    expect(details.every((issue) => !("input" in issue))).toBe(true);
    expect(isToolwrightError(error) && error.location.file).toBe("dist/tool-definitions.json");
  });

  it("rejects an unknown key and a wrong format version outside tools", () => {
    const data = { ...catalog(), format: 2, extra: true };
    const message = (thrownBy(() => parseToolDefinitions(data)) as Error).message;
    expect(message).toContain("tool-definitions.json is not a valid tool definitions file:");
    expect(message).toContain("  key 'format': expected one of 1, got number 2");
    expect(message).toContain("  unknown key 'extra'");
  });

  it("names a tool without a name by its index", () => {
    const data = catalog();
    const { name: _name, ...nameless } = data.tools[0] as NonNullable<(typeof data.tools)[0]>;
    const message = (thrownBy(() => parseToolDefinitions({ ...data, tools: [nameless] })) as Error).message;
    expect(message).toContain("tool '#0': key 'name': missing required key 'name'");
  });

  it("rejects a tool name that breaks the naming rules", () => {
    const data = catalog();
    (data.tools[0] as { name: string }).name = "Workflow_Send";
    const message = (thrownBy(() => parseToolDefinitions(data)) as Error).message;
    expect(message).toContain(
      "tool 'Workflow_Send': key 'name': tool name 'Workflow_Send' may only use lowercase letters, digits and '-'",
    );
  });
});
