import { parseToolDefinitions, type ToolDefinitionsFile } from "@toolwright/core";

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const DESTRUCTIVE = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
};

type Argument = {
  argument: string;
  in: "path" | "query" | "header" | "body";
  name?: string;
  style?: string;
  explode?: boolean;
};

function binding(operationId: string, method: string, path: string, args: Argument[], body: unknown = null) {
  return {
    operationId,
    method,
    path,
    arguments: args.map(({ name, ...rest }) => ({ ...rest, name: name ?? rest.argument })),
    body,
  };
}

interface ToolSpec {
  name: string;
  feature: string;
  scopes: string[];
  annotations: typeof READ;
  properties?: Record<string, unknown>;
  required?: string[];
  binding: ReturnType<typeof binding>;
  list?: boolean;
  response?: unknown;
  enrichUrl?: unknown;
  guards?: unknown[];
  outputSchema?: unknown;
  featureFlag?: unknown;
}

function tool(spec: ToolSpec) {
  return {
    name: spec.name,
    title: spec.name.replaceAll("-", " "),
    description: `Does ${spec.name}. Second sentence with more detail.`,
    category: spec.feature,
    feature: spec.feature,
    inputSchema: {
      type: "object",
      properties: spec.properties ?? {},
      ...(spec.required ? { required: spec.required } : {}),
    },
    outputSchema: spec.outputSchema ?? null,
    annotations: spec.annotations,
    scopes: spec.scopes,
    featureFlag: spec.featureFlag ?? null,
    binding: spec.binding,
    list: spec.list ?? false,
    response: spec.response ?? null,
    enrichUrl: spec.enrichUrl ?? null,
    guards: spec.guards ?? [],
    source: { file: "mcp/test.yaml", line: 1 },
  };
}

const id = { id: { type: "integer", minimum: 1 } };

/** A hand-written `tool-definitions.json` covering every binding kind and guard the server handles. */
export function testDefinitions(upstream: string | null = null): ToolDefinitionsFile {
  const tools = [
    tool({
      name: "workflows-list",
      feature: "workflows",
      scopes: ["workflow:read"],
      annotations: READ,
      properties: {
        search: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
        filter: { type: "object", properties: { owner: { type: "integer" } }, additionalProperties: false },
      },
      binding: binding("workflows_list", "GET", "/api/workflows", [
        { argument: "search", in: "query" },
        { argument: "tags", in: "query", name: "tag" },
        { argument: "filter", in: "query", style: "deepObject", explode: true },
      ]),
      list: true,
      response: { exclude: ["secret_note", "owner.id"], strip_nulls: true },
      enrichUrl: { urlPrefix: "/workflows", template: "{id}" },
    }),
    tool({
      name: "workflows-get",
      feature: "workflows",
      scopes: ["workflow:read"],
      annotations: READ,
      properties: id,
      required: ["id"],
      binding: binding("workflow_get", "GET", "/api/workflows/{id}", [{ argument: "id", in: "path" }]),
      response: { include: ["id", "name", "status", "owner.email", "description"], strip_nulls: false },
      enrichUrl: { urlPrefix: "/project/workflows", template: "{params.id}/edit" },
      outputSchema: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] },
    }),
    tool({
      name: "workflows-create",
      feature: "workflows",
      scopes: ["workflow:write"],
      annotations: WRITE,
      properties: {
        name: { type: "string", minLength: 1 },
        trigger: { type: "string", enum: ["batch", "event"] },
      },
      required: ["name"],
      binding: binding(
        "workflow_create",
        "POST",
        "/api/workflows",
        [
          { argument: "name", in: "body" },
          { argument: "trigger", in: "body" },
        ],
        { contentType: "application/json", required: true, mode: "fields" },
      ),
    }),
    tool({
      name: "workflows-run-batch",
      feature: "workflows",
      scopes: ["hog_flow:write", "person:read"],
      annotations: WRITE,
      properties: { ...id, acknowledged_audience_count: { type: "integer" }, filters: { type: "object" } },
      required: ["id"],
      binding: binding(
        "workflow_run",
        "POST",
        "/api/workflows/{id}/run",
        [
          { argument: "id", in: "path" },
          { argument: "acknowledged_audience_count", in: "body" },
          { argument: "filters", in: "body" },
        ],
        { contentType: "application/json", required: true, mode: "fields" },
      ),
      guards: [
        {
          type: "require_state",
          target: { operation: "workflow_get", params: { id: "{args.id}" } },
          field: "status",
          allowed: ["active"],
        },
        {
          type: "acknowledged_count",
          argument: "acknowledged_audience_count",
          count: { operation: "workflow_audience", params: { id: "{args.id}" }, field: "count" },
          max: 1000,
          noun: "audience",
        },
        {
          type: "reject_fields",
          fields: ["filters.events"],
          message: "Event filters are not allowed in a batch audience.",
        },
      ],
    }),
    tool({
      name: "workflows-delete",
      feature: "workflows",
      scopes: ["workflow:write"],
      annotations: DESTRUCTIVE,
      properties: id,
      required: ["id"],
      binding: binding("workflow_delete", "DELETE", "/api/workflows/{id}", [{ argument: "id", in: "path" }]),
      guards: [{ type: "confirm", summary: "Delete workflow {args.id} for good.", ttl_seconds: 60 }],
    }),
    tool({
      name: "workflows-archive",
      feature: "workflows",
      scopes: ["workflow:write"],
      annotations: WRITE,
      properties: id,
      required: ["id"],
      binding: binding(
        "workflow_archive",
        "POST",
        "/api/workflows/{id}/archive",
        [{ argument: "id", in: "path" }],
        null,
      ),
      guards: [{ type: "confirm" }],
    }),
    tool({
      name: "integrations-send",
      feature: "integrations",
      scopes: ["integration:write"],
      annotations: WRITE,
      properties: { ...id, text: { type: "string" } },
      required: ["id", "text"],
      binding: binding(
        "integration_send",
        "POST",
        "/api/integrations/{id}/messages",
        [
          { argument: "id", in: "path" },
          { argument: "text", in: "body" },
        ],
        { contentType: "application/json", required: true, mode: "fields" },
      ),
      guards: [
        {
          type: "allow_values",
          target: { operation: "integration_get", params: { id: "{args.id}" } },
          field: "kind",
          allowed: ["slack"],
        },
      ],
    }),
    tool({
      name: "contacts-import",
      feature: "persons",
      scopes: ["person:write"],
      annotations: WRITE,
      properties: {
        email: { type: "string" },
        metadata: { type: "object" },
        tags: { type: "array", items: { type: "string" } },
        active: { type: "boolean" },
      },
      binding: binding(
        "contacts_import",
        "POST",
        "/api/contacts/import",
        [
          { argument: "email", in: "body" },
          // Stripe's spec states each nested field's encoding as deepObject, and codegen carries it.
          { argument: "metadata", in: "body", style: "deepObject", explode: true },
          { argument: "tags", in: "body", style: "deepObject", explode: true },
          { argument: "active", in: "body" },
        ],
        { contentType: "application/x-www-form-urlencoded", required: true, mode: "fields" },
      ),
    }),
    tool({
      name: "files-upload",
      feature: "persons",
      scopes: ["person:write"],
      annotations: WRITE,
      properties: {
        name: { type: "string" },
        file: { type: "string", contentEncoding: "base64", contentMediaType: "text/plain" },
      },
      required: ["name", "file"],
      binding: binding(
        "files_upload",
        "POST",
        "/api/files",
        [
          { argument: "name", in: "body" },
          { argument: "file", in: "body" },
        ],
        { contentType: "multipart/form-data", required: true, mode: "fields" },
      ),
    }),
    tool({
      name: "persons-list",
      feature: "persons",
      scopes: ["person:read"],
      annotations: READ,
      binding: binding("persons_list", "GET", "/api/persons", []),
      list: true,
      response: { include: ["id", "email", "name"], strip_nulls: true },
    }),
    tool({
      name: "insights-beta",
      feature: "insights",
      scopes: ["insight:read"],
      annotations: READ,
      binding: binding("insights_beta", "GET", "/api/insights", []),
      featureFlag: { key: "beta-insights", behavior: "enable" },
    }),
    tool({
      name: "insights-legacy",
      feature: "insights",
      scopes: ["insight:read"],
      annotations: READ,
      binding: binding("insights_legacy", "GET", "/api/legacy", []),
      featureFlag: { key: "new-reports", behavior: "disable" },
    }),
    tool({
      name: "diagnostics-run",
      feature: "diagnostics",
      scopes: ["diagnostic:read"],
      annotations: READ,
      properties: { mode: { type: "string", enum: ["slow", "fail", "badjson", "flaky"] } },
      required: ["mode"],
      binding: binding("diagnostics_run", "GET", "/api/diagnostics/{mode}", [
        { argument: "mode", in: "path" },
      ]),
    }),
    tool({
      name: "diagnostics-big",
      feature: "diagnostics",
      scopes: ["diagnostic:read"],
      annotations: READ,
      binding: binding("diagnostics_big", "GET", "/api/diagnostics/big", []),
      list: true,
    }),
    tool({
      name: "project-whoami",
      feature: "project",
      scopes: ["project:read"],
      annotations: READ,
      binding: binding("whoami", "GET", "/api/whoami", []),
    }),
  ];
  return parseToolDefinitions({
    format: 1,
    generator: "hand-written test fixture",
    spec: { title: "Test API", version: "1.0.0", openapi: "3.1.0" },
    upstream,
    tools,
    lookups: {
      workflow_audience: binding("workflow_audience", "GET", "/api/workflows/{id}/audience", [
        { argument: "id", in: "path" },
      ]),
      integration_get: binding("integration_get", "GET", "/api/integrations/{id}", [
        { argument: "id", in: "path" },
      ]),
    },
  });
}

/** Every tool name of the fixture, sorted. */
export const ALL_TOOLS = testDefinitions()
  .tools.map((entry) => entry.name)
  .sort();
