import {
  type CatalogTool,
  GuardSchema,
  type ObjectJsonSchema,
  type OperationBinding,
  parseScopes,
  type Scope,
  type ToolDefinitionsFile,
  ToolNameSchema,
  type ToolwrightError,
} from "@toolwright/core";
import { z } from "zod";
import { serverError } from "../server-error.js";
import type { HandwrittenTool } from "./define-tool.js";
import type { ServedTool, ToolHandler } from "./served-tool.js";

/** What a catalog is built from: codegen's definitions file and optional hand-written tools. */
export interface CatalogOptions {
  definitions: ToolDefinitionsFile;
  tools?: readonly HandwrittenTool[];
}

/** Every tool a server can serve, sorted by name, plus the operations guards look up. */
export interface Catalog {
  readonly tools: readonly ServedTool[];
  /** Default upstream base URL from the definitions file. */
  readonly upstream: string | null;
  get(name: string): ServedTool | undefined;
  /** The binding of an operation a guard names: a `lookups` entry, or a tool bound to that operationId. */
  operation(operationId: string): OperationBinding | undefined;
  /** Every scope some tool needs, sorted; advertised in protected-resource metadata. */
  readonly scopes: readonly Scope[];
  /** The caller-filled arguments of an operation a guard looks up (`project_id` from the caller's project). */
  operationContext(operationId: string): Readonly<Record<string, string>> | undefined;
}

function fromDefinition(tool: CatalogTool): ServedTool {
  // Every catalog field is served as it is; the binding becomes the target, the source location stays behind.
  const { binding, source: _source, ...fields } = tool;
  return { ...fields, target: { kind: "upstream", binding } };
}

function invalidTool(name: string, message: string, cause?: unknown): ToolwrightError {
  return serverError("invalid_definition", `hand-written tool '${name}': ${message}`, {
    tool: name,
    cause,
  });
}

function fromHandwritten({ config }: HandwrittenTool): ServedTool {
  const name = ToolNameSchema.safeParse(config.name);
  if (!name.success) throw invalidTool(config.name, name.error.issues[0]?.message ?? "invalid name");
  let scopes: Scope[];
  try {
    scopes = parseScopes(config.scopes);
  } catch (error) {
    throw invalidTool(config.name, error instanceof Error ? error.message : "invalid scopes", error);
  }
  const guards = z.array(GuardSchema).safeParse(config.guards ?? []);
  if (!guards.success) throw invalidTool(config.name, `invalid guards: ${guards.error.message}`);
  const readOnly = config.annotations.readOnlyHint;
  return {
    name: config.name,
    title: config.title,
    description: config.description,
    category: config.category ?? "custom",
    feature: config.feature ?? "custom",
    inputSchema: z.toJSONSchema(config.input, { io: "input" }) as ObjectJsonSchema,
    outputSchema: config.output ? (z.toJSONSchema(config.output) as ObjectJsonSchema) : null,
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: config.annotations.destructiveHint ?? false,
      idempotentHint: config.annotations.idempotentHint ?? readOnly,
      openWorldHint: config.annotations.openWorldHint ?? false,
    },
    scopes,
    featureFlag: config.featureFlag ?? null,
    guards: guards.data,
    list: false,
    response: null,
    enrichUrl: null,
    target: { kind: "handler", handler: parsedHandler(config.name, config) },
  };
}

/** Runs the handler on Zod-parsed arguments (defaults applied); a Zod refusal is an argument error, not a crash. */
function parsedHandler(name: string, config: HandwrittenTool["config"]): ToolHandler {
  return async (args, context) => {
    const parsed = config.input.safeParse(args);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `'${issue.path.join(".") || "arguments"}': ${issue.message}`,
      );
      throw serverError("invalid_arguments", `invalid arguments: ${problems.join("; ")}`, {
        tool: name,
      });
    }
    return config.handler(parsed.data, context);
  };
}

function mergeTools(
  generated: ServedTool[],
  handwritten: readonly HandwrittenTool[],
): Map<string, ServedTool> {
  const byName = new Map(generated.map((tool) => [tool.name, tool]));
  const seen = new Set<string>();
  for (const entry of handwritten) {
    const tool = fromHandwritten(entry);
    if (seen.has(tool.name)) throw invalidTool(tool.name, "defined twice among the hand-written tools");
    seen.add(tool.name);
    if (byName.has(tool.name) && entry.config.replaces !== true) {
      throw invalidTool(
        tool.name,
        "a generated tool has the same name; rename it, or set `replaces: true` to replace the generated tool",
      );
    }
    if (!byName.has(tool.name) && entry.config.replaces === true) {
      throw invalidTool(tool.name, "says `replaces: true` but no generated tool has that name");
    }
    byName.set(tool.name, tool);
  }
  return byName;
}

/**
 * Builds the catalog from `tool-definitions.json` data (already validated by core's
 * `parseToolDefinitions`) and hand-written tools. A hand-written tool whose name a generated tool
 * already has is an error unless it says `replaces: true`.
 */
export function createCatalog(options: CatalogOptions): Catalog {
  const byName = mergeTools(options.definitions.tools.map(fromDefinition), options.tools ?? []);
  const tools = [...byName.values()].sort((left, right) => (left.name < right.name ? -1 : 1));
  const operations = new Map<string, OperationBinding>();
  for (const tool of tools) {
    if (tool.target.kind === "upstream") operations.set(tool.target.binding.operationId, tool.target.binding);
  }
  for (const [operationId, binding] of Object.entries(options.definitions.lookups)) {
    operations.set(operationId, binding);
  }
  const scopes = [...new Set(tools.flatMap((tool) => tool.scopes))].sort();
  const contexts = new Map<string, Readonly<Record<string, string>>>();
  for (const tool of tools) {
    if (tool.target.kind === "upstream" && tool.argumentRules?.context) {
      contexts.set(tool.target.binding.operationId, tool.argumentRules.context);
    }
  }
  for (const [operationId, rules] of Object.entries(options.definitions.lookupContext ?? {})) {
    contexts.set(operationId, rules);
  }
  return {
    operationContext: (operationId) => contexts.get(operationId),
    tools,
    upstream: options.definitions.upstream,
    get: (name) => byName.get(name),
    operation: (operationId) => operations.get(operationId),
    scopes,
  };
}
