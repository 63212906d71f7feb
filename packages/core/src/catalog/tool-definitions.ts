import * as z from "zod";
import { McpToolAnnotationsSchema } from "../definitions/annotations.js";
import { describeZodIssue } from "../definitions/definition-issue.js";
import { ToolNameSchema } from "../definitions/naming.js";
import { ParamCastSchema } from "../definitions/param-cast.js";
import { ResponseFilterSchema } from "../definitions/response-filter.js";
import { FeatureFlagBehaviorSchema } from "../definitions/tool-config.js";
import { ContextSourceSchema, McpVersionSchema } from "../definitions/tool-vocabulary.js";
import { coreError } from "../errors/toolwright-error.js";
import { GuardSchema } from "../guards/guard.js";
import { ScopeSchema } from "../scopes/scope.js";

/** The version of the `tool-definitions.json` format this package reads and writes. */
export const TOOL_DEFINITIONS_FORMAT = 1;

export const HttpMethodSchema = z.enum(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
export type HttpMethod = z.infer<typeof HttpMethodSchema>;

/** A JSON Schema whose root is an object, as MCP requires of tool input and output schemas. */
export const ObjectJsonSchemaSchema = z.looseObject({
  type: z.literal("object"),
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});
export type ObjectJsonSchema = z.infer<typeof ObjectJsonSchemaSchema>;

/** Where one tool argument goes in the HTTP request, under which wire name. */
export const ArgumentBindingSchema = z.strictObject({
  argument: z.string().min(1),
  in: z.enum(["path", "query", "header", "body"]),
  name: z.string().min(1),
  /**
   * OpenAPI serialisation of arrays and objects in the query or a form body (the body's `encoding`);
   * default `form` with `explode: true`.
   */
  style: z.enum(["form", "simple", "deepObject", "spaceDelimited", "pipeDelimited"]).optional(),
  explode: z.boolean().optional(),
});
export type ArgumentBinding = z.infer<typeof ArgumentBindingSchema>;

/**
 * Body content types a binding can send; form bodies are first-class. The text types
 * (`text/plain`, `application/xml`, `text/xml`) and `application/octet-stream` travel as one string argument.
 */
export const BodyContentTypeSchema = z.enum([
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
  "application/xml",
  "text/xml",
  "application/octet-stream",
]);
export type BodyContentType = z.infer<typeof BodyContentTypeSchema>;

/**
 * How the request body is assembled: `fields` collects the `in: "body"` arguments into an object;
 * `argument` sends one argument as the whole body (for bodies that are not objects).
 */
export const BodyBindingSchema = z.strictObject({
  contentType: BodyContentTypeSchema,
  required: z.boolean(),
  mode: z.enum(["fields", "argument"]),
  argument: z.string().min(1).optional(),
});
export type BodyBinding = z.infer<typeof BodyBindingSchema>;

/**
 * A query pair or header every request of the operation carries, whatever the arguments: the literal
 * query of a path template (`/?Action=List`) and required headers with a single allowed value
 * (`X-Amz-Target`).
 */
export const FixedValueSchema = z.strictObject({
  in: z.enum(["query", "header"]),
  name: z.string().min(1),
  value: z.string(),
});
export type FixedValue = z.infer<typeof FixedValueSchema>;

/** How a tool (or a guard lookup) calls the upstream: method, path template, and where each argument goes. */
export const OperationBindingSchema = z.strictObject({
  operationId: z.string().min(1),
  method: HttpMethodSchema,
  /**
   * Path template relative to the upstream base URL, e.g. `/api/workflows/{id}`, without the literal
   * query or fragment a spec may write into it (those are in `fixed`, or never sent).
   */
  path: z.string().startsWith("/"),
  arguments: z.array(ArgumentBindingSchema),
  body: BodyBindingSchema.nullable(),
  /** Query pairs and headers sent on every request, in order; absent when there are none. */
  fixed: z.array(FixedValueSchema).optional(),
});
export type OperationBinding = z.infer<typeof OperationBindingSchema>;

/**
 * Values the server sets on a call's arguments before the request is built, keyed by argument:
 * `context` fills an argument from the caller (never from the agent: it is not in the input
 * schema), `constants` are fixed values (a soft delete's body), `casts` convert what the agent sent.
 */
export const ArgumentRulesSchema = z.strictObject({
  context: z.record(z.string(), ContextSourceSchema).optional(),
  constants: z.record(z.string(), z.unknown()).optional(),
  casts: z.record(z.string(), ParamCastSchema).optional(),
});
export type ArgumentRules = z.infer<typeof ArgumentRulesSchema>;

/** One tool, complete: a server can serve it from this data alone. */
export const CatalogToolSchema = z.strictObject({
  name: ToolNameSchema,
  title: z.string().min(1),
  description: z.string().min(1),
  category: z.string().min(1),
  feature: z.string().min(1),
  inputSchema: ObjectJsonSchemaSchema,
  outputSchema: ObjectJsonSchemaSchema.nullable(),
  annotations: McpToolAnnotationsSchema,
  scopes: z.array(ScopeSchema),
  featureFlag: z.strictObject({ key: z.string().min(1), behavior: FeatureFlagBehaviorSchema }).nullable(),
  binding: OperationBindingSchema,
  /** True when the result is a list (`results` array): response filters and links apply per item. */
  list: z.boolean(),
  response: ResponseFilterSchema.nullable(),
  enrichUrl: z.strictObject({ urlPrefix: z.string(), template: z.string() }).nullable(),
  guards: z.array(GuardSchema),
  /** The tool set (`mcp_version`) the tool is in; absent means every set. */
  mcpVersion: McpVersionSchema.optional(),
  /** The MCP Apps view the definition names (`ui_app`), carried for hosts; not served yet. */
  uiApp: z.string().min(1).optional(),
  argumentRules: ArgumentRulesSchema.optional(),
  /** Where the tool was defined, for messages. */
  source: z.strictObject({ file: z.string(), line: z.int().positive().nullable() }),
});
export type CatalogTool = z.infer<typeof CatalogToolSchema>;

/** `tool-definitions.json`: every enabled tool plus the bindings of operations that guards look up. */
export const ToolDefinitionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(TOOL_DEFINITIONS_FORMAT),
  generator: z.string().min(1),
  spec: z.strictObject({ title: z.string(), version: z.string(), openapi: z.string() }),
  /** Default upstream base URL from the codegen config; a server may override it. */
  upstream: z.string().nullable(),
  tools: z.array(CatalogToolSchema),
  /** Bindings of operations named by guards (`operation:`), keyed by operationId. */
  lookups: z.record(z.string(), OperationBindingSchema),
  /** Caller-filled arguments of guard lookups, keyed by operationId (as `ArgumentRules.context`). */
  lookupContext: z.record(z.string(), z.record(z.string(), ContextSourceSchema)).optional(),
});
export type ToolDefinitionsFile = z.infer<typeof ToolDefinitionsFileSchema>;

/** Validates parsed `tool-definitions.json` data; throws `invalid_catalog` naming the tool and key at fault. */
export function parseToolDefinitions(data: unknown, file = "tool-definitions.json"): ToolDefinitionsFile {
  // reportInput lets messages say what was found; the inputs are dropped again before they go into details.
  const parsed = ToolDefinitionsFileSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 20).map((issue) => {
    const [head, index, ...rest] = issue.path;
    const tool =
      head === "tools" && typeof index === "number" && Array.isArray((data as { tools?: unknown })?.tools)
        ? ((data as { tools: Array<{ name?: unknown }> }).tools[index]?.name ?? `#${index}`)
        : undefined;
    const key = (tool === undefined ? issue.path : rest).map(String).join(".");
    const last = issue.path.at(-1);
    const message = describeZodIssue(issue, typeof last === "string" ? last : undefined);
    return `  ${tool === undefined ? "" : `tool '${String(tool)}': `}${key ? `key '${key}': ` : ""}${message}`;
  });
  throw coreError("invalid_catalog", `${file} is not a valid tool definitions file:\n${lines.join("\n")}`, {
    file,
    details: { issues: parsed.error.issues.map(({ input: _input, ...issue }) => issue) },
  });
}
