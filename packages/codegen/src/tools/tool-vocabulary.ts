import {
  type ArgumentRules,
  type DefinitionFile,
  type McpVersion,
  type OperationBinding,
  PARAM_CAST_INPUT,
  type ParamOverride,
  type ToolConfig,
} from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import type { JsonSchema } from "../schema/json-schema.js";

import { methodPathId, type SpecOperation } from "../spec/operations.js";

type Report = (key: string, message: string) => void;

/** Caller-filled parameters of a file: the config's, then the file's own `context_params` over them. */
export function contextSources(
  configured: Readonly<Record<string, string>> | undefined,
  file: DefinitionFile,
): Record<string, string> {
  return { ...configured, ...file.context_params };
}

/**
 * `input_schema: Name`: the tool's body is `components.schemas.Name` instead of the operation's
 * request body (parameters stay). Null, with an issue, when the spec has no such schema.
 */
export function withInputSchema(
  operation: SpecOperation,
  tool: ToolConfig,
  document: unknown,
  issue: Report,
): SpecOperation | null {
  if (!tool.input_schema) return operation;
  const components = isRecord(document) && isRecord(document.components) ? document.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  if (schemas[tool.input_schema] === undefined) {
    const known = Object.keys(schemas).sort().join(", ") || "(none)";
    issue(
      "input_schema",
      `'${tool.input_schema}' is not a schema in components.schemas; the spec has: ${known}`,
    );
    return null;
  }
  const content = isRecord(operation.requestBody?.content) ? operation.requestBody.content : {};
  const contentType = Object.keys(content)[0] ?? "application/json";
  const pointer = `#/components/schemas/${tool.input_schema.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  return {
    ...operation,
    requestBody: { required: true, content: { [contentType]: { schema: { $ref: pointer } } } },
  };
}

/** Top-level excludes go to the input builder; dotted ones reach into body fields afterwards. */
export function splitExcludes(tool: ToolConfig): { names: string[] | undefined; paths: string[] } {
  const excludes = tool.exclude_params ?? [];
  const names = excludes.filter((name) => !name.includes("."));
  return {
    names: names.length > 0 ? names : undefined,
    paths: excludes.filter((name) => name.includes(".")),
  };
}

/** Removes `field.sub` from the input schema (copying shared `$defs` it passes through); a path that is not there is a warning. */
export function applyDottedExcludes(
  inputSchema: Record<string, unknown>,
  tool: ToolConfig,
  warn: Report,
): void {
  for (const path of splitExcludes(tool).paths) {
    const index = tool.exclude_params?.indexOf(path) ?? 0;
    if (!removePath(inputSchema, path.split("."))) {
      warn(
        `exclude_params.${index}`,
        `'${path}' is not an input of the operation, so excluding it changes nothing`,
      );
    }
  }
}

function removePath(inputSchema: Record<string, unknown>, segments: string[]): boolean {
  let node: Record<string, unknown> = inputSchema;
  for (const [position, segment] of segments.entries()) {
    node = inlineRef(inputSchema, node);
    const properties = isRecord(node.properties) ? node.properties : null;
    if (!properties || properties[segment] === undefined) return false;
    if (position === segments.length - 1) {
      const { [segment]: _removed, ...rest } = properties;
      node.properties = rest;
      if (Array.isArray(node.required)) node.required = node.required.filter((name) => name !== segment);
      return true;
    }
    const child = properties[segment];
    if (!isRecord(child)) return false;
    // Copied so the exclusion does not reach other tools or fields sharing the same schema object.
    const copy = { ...child };
    properties[segment] = copy;
    node.properties = { ...properties };
    node = copy;
  }
  return false;
}

/** A node that is only a `$ref` into the tool's `$defs` becomes a copy of the definition, so it can be edited. */
function inlineRef(
  inputSchema: Record<string, unknown>,
  node: Record<string, unknown>,
): Record<string, unknown> {
  const ref = typeof node.$ref === "string" ? /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1] : undefined;
  const defs = isRecord(inputSchema.$defs) ? inputSchema.$defs : {};
  const target = ref === undefined ? undefined : defs[decodeURIComponent(ref)];
  if (!isRecord(target)) return node;
  delete node.$ref;
  Object.assign(node, structuredClone(target));
  return node;
}

/** Applies each override's `cast`: the agent's schema says what to send; the rule converts it for the API. */
export function applyCasts(
  inputSchema: Record<string, unknown>,
  overrides: Readonly<Record<string, ParamOverride>> | undefined,
): ArgumentRules["casts"] {
  const casts: NonNullable<ArgumentRules["casts"]> = {};
  const properties = isRecord(inputSchema.properties) ? inputSchema.properties : {};
  for (const [name, override] of Object.entries(overrides ?? {})) {
    if (!override.cast || properties[name] === undefined) continue;
    const current = isRecord(properties[name]) ? (properties[name] as JsonSchema) : {};
    const { schema, note } = PARAM_CAST_INPUT[override.cast];
    const description = typeof current.description === "string" ? `${current.description} ${note}` : note;
    properties[name] = {
      ...schema,
      description,
      ...(current.default === undefined ? {} : { default: current.default }),
    };
    casts[name] = override.cast;
  }
  return Object.keys(casts).length > 0 ? casts : undefined;
}

/** The caller-filled arguments of a binding: its path and query parameters named in `sources`. */
export function contextRules(
  binding: OperationBinding,
  sources: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  const rules: Record<string, string> = {};
  for (const argument of binding.arguments) {
    const source = sources[argument.name];
    if (source && (argument.in === "path" || argument.in === "query")) rules[argument.argument] = source;
  }
  return Object.keys(rules).length > 0 ? rules : undefined;
}

/** Argument name of a soft delete's body fields: never an input, so an agent cannot set it. */
const SOFT_DELETE_PREFIX = "soft_delete.";

/**
 * `soft_delete`: the tool keeps its DELETE inputs but sends the update (PATCH on the same path, or
 * the named operation) with the soft-delete body as fixed values. Null, with an issue, when the
 * spec has no such update.
 */
export function softDeleteBinding(
  operation: SpecOperation,
  tool: ToolConfig,
  binding: OperationBinding,
  operations: ReadonlyMap<string, SpecOperation>,
  issue: Report,
): { binding: OperationBinding; constants: Record<string, unknown>; operation: SpecOperation } | null {
  if (!tool.soft_delete) return null;
  if (operation.method !== "DELETE") {
    issue("soft_delete", `soft_delete is for DELETE operations; '${operation.id}' is ${operation.method}`);
    return null;
  }
  const options = tool.soft_delete === true ? { body: { deleted: true } } : tool.soft_delete;
  const reference = options.operation ?? methodPathId("PATCH", operation.path);
  const update = operations.get(reference);
  if (!update) {
    issue(
      "soft_delete",
      options.operation
        ? `soft_delete operation '${reference}' is not in the spec`
        : `soft_delete needs an update of the same path ('${reference}'), which the spec does not have; name one with 'soft_delete.operation'`,
    );
    return null;
  }
  const bodyFields = Object.keys(options.body);
  const constants = Object.fromEntries(
    bodyFields.map((field) => [`${SOFT_DELETE_PREFIX}${field}`, options.body[field]]),
  );
  return {
    operation: update,
    constants,
    binding: {
      operationId: update.id,
      method: update.method,
      path: update.path,
      arguments: [
        ...binding.arguments,
        ...bodyFields.map((field) => ({
          argument: `${SOFT_DELETE_PREFIX}${field}`,
          in: "body" as const,
          name: field,
        })),
      ],
      body: { contentType: "application/json", required: true, mode: "fields" },
    },
  };
}

/** The tool set of a tool: its own `mcp_version`, else the file's; none means every set. */
export function toolSet(file: DefinitionFile, tool: ToolConfig): McpVersion | undefined {
  return tool.mcp_version ?? file.mcp_version;
}

/**
 * `ui_app`: a name from the file's `ui_apps` (resolved to its URI when it is one) or a `ui://` URI.
 * Views are not served yet, so a reference that resolves to neither is a warning, carried as written.
 */
export function uiApp(file: DefinitionFile, tool: ToolConfig, issue: Report): string | undefined {
  const reference = tool.ui_app;
  if (!reference) return undefined;
  if (reference.startsWith("ui://")) return reference;
  const apps = file.ui_apps;
  const named = isRecord(apps) ? apps[reference] : undefined;
  const listed =
    Array.isArray(apps) && apps.some((app) => app === reference || (isRecord(app) && app.name === reference));
  if (named === undefined && !listed) {
    issue("ui_app", `'${reference}' is not a 'ui://' URI or a name in the file's ui_apps`);
    return reference;
  }
  return typeof named === "string" ? named : reference;
}
