import {
  type ArgumentRules,
  type CatalogTool,
  CONFIRMATION_TOKEN_ARGUMENT,
  type DefinitionIssue,
  defaultScopes,
  definitionIssuesError,
  definitionKeyLine,
  effectiveFeatureFlag,
  type Guard,
  type ObjectJsonSchema,
  type OperationBinding,
  resolveAnnotations,
  TOOL_DEFINITIONS_FORMAT,
  type ToolConfig,
  type ToolDefinitionsFile,
  toMcpAnnotations,
  toolGuards,
} from "@toolwright/core";
import { checkTool } from "../checks/semantic-checks.js";
import { type DefinitionSource, readDescriptionFile } from "../definitions/load-definitions.js";
import { specDescription } from "../schema/description-text.js";
import { SchemaRegistry } from "../schema/schema-registry.js";
import type { LoadedSpec } from "../spec/load-spec.js";
import { indexOperations, listOperations, type SpecOperation } from "../spec/operations.js";
import { buildInput, type InputOptions } from "./build-input.js";
import { outputSchemaFor } from "./output-schema.js";
import {
  applyCasts,
  applyDottedExcludes,
  contextRules,
  contextSources,
  softDeleteBinding,
  splitExcludes,
  toolSet,
  uiApp,
  withInputSchema,
} from "./tool-vocabulary.js";

/** The generator name written into every output. */
export const GENERATOR = "@toolwright/codegen";

/** A definition whose `operation` the spec does not have. */
export interface OrphanedTool {
  file: string;
  line?: number;
  tool: string;
  operation: string;
  enabled: boolean;
}

/** The catalog of a run, plus what the other outputs need. */
export interface BuiltCatalog {
  catalog: ToolDefinitionsFile;
  orphans: OrphanedTool[];
  registry: SchemaRegistry;
  /** Spec refs each tool's schema uses directly, for the generated Zod code. */
  toolRefs: Map<string, Set<string>>;
  /** Problems the run still built with: the definition files' and the tools'. */
  warnings: DefinitionIssue[];
}

export interface BuildCatalogOptions {
  spec: LoadedSpec;
  definitions: readonly DefinitionSource[];
  upstream: string | null;
  /** Parameters every operation fills from the caller (`project_id: project.id`). */
  contextParams?: Readonly<Record<string, string>>;
  /** Warnings fail the run like errors. */
  warningsAsErrors?: boolean;
  /**
   * Give tools whose success response is a JSON object an `outputSchema` (results then carry
   * `structuredContent`). Off by default: it grows `tools/list`. Tools with a `response` filter get
   * none, since the filter changes the shape.
   */
  outputSchemas?: boolean;
  onProgress?: (done: number, total: number) => void;
}

interface ToolContext {
  outputSchemas: boolean;
  source: DefinitionSource;
  name: string;
  tool: ToolConfig;
  operations: ReadonlyMap<string, SpecOperation>;
  /** Caller-filled parameters by wire name, with their source in the caller. */
  contextSources: Readonly<Record<string, string>>;
  issue: (key: string, message: string) => void;
  /** A problem at the key's own line (found by reading the file again). */
  keyIssue: (key: string, message: string) => void;
  warn: (key: string, message: string) => void;
}

/** A tool built, with what the checks after the lookups need. */
interface BuiltTool {
  tool: CatalogTool;
  refs: Set<string>;
  /** The operation the request goes to. */
  operation: SpecOperation;
}

/**
 * Resolves every enabled tool against its operation and assembles `tool-definitions.json`.
 * Problems are collected over all tools and thrown together (file, line, tool and key each);
 * orphaned operations are returned, not thrown, so `check` can list them.
 */
export async function buildCatalog(options: BuildCatalogOptions): Promise<BuiltCatalog> {
  const { spec, definitions } = options;
  const operations = indexOperations(listOperations(spec.document));
  const registry = new SchemaRegistry(spec.document, spec.openapi30);
  const issues: DefinitionIssue[] = [];
  const orphans: OrphanedTool[] = [];
  const tools: CatalogTool[] = [];
  const lookups: Record<string, OperationBinding> = {};
  const lookupContext: Record<string, Record<string, string>> = {};
  const warnings: DefinitionIssue[] = definitions.flatMap((source) => source.warnings ?? []);
  const checks: Array<{ context: ToolContext; built: BuiltTool }> = [];
  const toolRefs = new Map<string, Set<string>>();
  const total = definitions.reduce((sum, source) => sum + Object.keys(source.definition.tools).length, 0);
  let done = 0;
  for (const source of definitions) {
    for (const [name, tool] of Object.entries(source.definition.tools)) {
      options.onProgress?.(++done, total);
      const line = source.toolLines?.[name];
      const located = (key: string, message: string, at: number | undefined): DefinitionIssue => ({
        file: source.file,
        ...(at ? { line: at } : {}),
        tool: name,
        path: `tools.${name}.${key}`,
        message,
      });
      const issue = (key: string, message: string) => issues.push(located(key, message, line));
      const keyLine = (key: string) =>
        definitionKeyLine(source.text ?? "", ["tools", name, ...key.split(".").map(pathSegment)]) ?? line;
      const keyIssue = (key: string, message: string) => issues.push(located(key, message, keyLine(key)));
      const warn = (key: string, message: string) => {
        const found = located(key, message, keyLine(key));
        if (options.warningsAsErrors) issues.push(found);
        else warnings.push({ ...found, severity: "warning" });
      };
      const operation = operations.get(tool.operation);
      if (!operation) {
        orphans.push({
          file: source.file,
          ...(line ? { line } : {}),
          tool: name,
          operation: tool.operation,
          enabled: tool.enabled,
        });
        continue;
      }
      if (!tool.enabled) continue;
      const context: ToolContext = {
        outputSchemas: options.outputSchemas === true,
        source,
        name,
        tool,
        operations,
        contextSources: contextSources(options.contextParams, source.definition),
        issue,
        keyIssue,
        warn,
      };
      const built = await buildTool(context, operation, spec.document, registry);
      if (!built) continue;
      tools.push(built.tool);
      toolRefs.set(name, built.refs);
      addLookups(context, built.tool.guards, spec.document, registry, lookups, lookupContext);
      checks.push({ context, built });
    }
  }
  for (const { context, built } of checks) {
    checkTool({
      document: spec.document,
      operations,
      operation: built.operation,
      tool: built.tool,
      lookups,
      lookupContext,
      issue: context.keyIssue,
    });
  }
  if (options.warningsAsErrors) {
    for (const warning of warnings.splice(0)) {
      const { severity: _severity, ...error } = warning;
      issues.push(error);
    }
  }
  if (issues.length > 0) throw definitionIssuesError([...issues, ...warnings]);
  tools.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const catalog: ToolDefinitionsFile = {
    format: TOOL_DEFINITIONS_FORMAT,
    generator: GENERATOR,
    spec: {
      title: spec.document.info.title,
      version: spec.document.info.version,
      openapi: spec.document.openapi,
    },
    upstream: options.upstream,
    tools,
    lookups,
    ...(Object.keys(lookupContext).length > 0 ? { lookupContext } : {}),
  };
  return { catalog, orphans, registry, toolRefs, warnings };
}

/** A key path segment as the YAML document addresses it: list indexes are numbers. */
function pathSegment(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

async function buildTool(
  context: ToolContext,
  operation: SpecOperation,
  document: unknown,
  registry: SchemaRegistry,
): Promise<BuiltTool | null> {
  const { source, name, tool, issue } = context;
  const file = source.definition;
  const annotations = resolveAnnotations(operation.method, tool.annotations);
  if (!annotations) {
    issue(
      "annotations",
      `${operation.method} tool needs annotations (readOnly, destructive, idempotent, openWorld)`,
    );
  }
  const description = await toolDescription(context, operation);
  const guards = toolGuards(tool);
  const inputOperation = withInputSchema(operation, tool, document, context.keyIssue);
  if (!inputOperation) return null;
  const built = buildInput(document, registry, inputOperation, {
    ...inputOptions(tool),
    extraArguments: guardArguments(guards),
    contextNames: new Set(Object.keys(context.contextSources)),
  });
  if (!built.success) {
    for (const problem of built.problems) {
      if (problem.severity) context.warn(problem.key, problem.message);
      else issue(problem.key, problem.message);
    }
  } else for (const warning of built.warnings) context.warn(warning.key, warning.message);
  if (!built.success || !annotations || description === null) return null;
  applyDottedExcludes(built.inputSchema, tool, context.warn);
  const casts = applyCasts(built.inputSchema, tool.param_overrides);
  const soft = softDeleteBinding(operation, tool, built.binding, context.operations, context.keyIssue);
  if (tool.soft_delete && !soft) return null;
  const binding = soft?.binding ?? built.binding;
  const contextArguments = contextRules(binding, context.contextSources);
  const argumentRules: ArgumentRules = {
    ...(contextArguments ? { context: contextArguments } : {}),
    ...(soft ? { constants: soft.constants } : {}),
    ...(casts ? { casts } : {}),
  };
  const mcpVersion = toolSet(file, tool);
  const app = uiApp(file, tool, context.warn);
  const scopes = tool.scopes ?? defaultScopes(operation.method, file.feature);
  const catalogTool: CatalogTool = {
    name,
    title: tool.title ?? operation.summary?.trim() ?? name,
    description,
    category: file.category,
    feature: file.feature,
    inputSchema: built.inputSchema,
    outputSchema: toolOutputSchema(context, operation, document, registry),
    annotations: toMcpAnnotations(annotations),
    scopes,
    featureFlag: effectiveFeatureFlag(file, tool),
    binding,
    list: tool.list,
    response: tool.response ?? null,
    enrichUrl: tool.enrich_url ? { urlPrefix: file.url_prefix, template: tool.enrich_url } : null,
    guards,
    ...(mcpVersion === undefined ? {} : { mcpVersion }),
    ...(app === undefined ? {} : { uiApp: app }),
    ...(Object.keys(argumentRules).length > 0 ? { argumentRules } : {}),
    source: { file: source.file, line: source.toolLines?.[name] ?? null },
  };
  return { tool: catalogTool, refs: built.refs, operation: soft?.operation ?? operation };
}

/**
 * The tool's output schema (opt-in): the operation's, plus the `url` an `enrich_url` link adds to a
 * single result. None for a `response` filter (it changes the shape) or a list (links go per item).
 */
function toolOutputSchema(
  context: ToolContext,
  operation: SpecOperation,
  document: unknown,
  registry: SchemaRegistry,
): ObjectJsonSchema | null {
  const { tool } = context;
  if (!context.outputSchemas || tool.response || (tool.enrich_url && tool.list)) return null;
  const schema = outputSchemaFor(document, registry, operation);
  if (!schema || !tool.enrich_url) return schema;
  const url = { type: "string", description: "Link to this item in the product." };
  return { ...schema, properties: { ...schema.properties, url } };
}

function inputOptions(tool: ToolConfig): InputOptions {
  return {
    include_params: tool.include_params,
    exclude_params: splitExcludes(tool).names,
    param_overrides: tool.param_overrides,
  };
}

/** The description from the YAML (inline or file), else the operation's description or summary. */
async function toolDescription(context: ToolContext, operation: SpecOperation): Promise<string | null> {
  const { tool, source, issue } = context;
  if (tool.description) return tool.description.trim();
  if (tool.description_file) {
    try {
      const text = await readDescriptionFile(source, tool.description_file);
      if (text) return text;
      issue("description_file", `description file '${tool.description_file}' is empty`);
    } catch {
      issue("description_file", `cannot read description file '${tool.description_file}'`);
    }
    return null;
  }
  const fromSpec = leadParagraph(operation.description ?? "") || operation.summary?.trim();
  if (fromSpec) return fromSpec;
  issue("description", `operation '${operation.id}' has no summary or description; write a 'description'`);
  return null;
}

/** Longest description taken from a spec; past it, the text is cut at a sentence end. */
const MAX_SPEC_DESCRIPTION = 600;

/**
 * The first paragraph of an operation's description that is not a note block (`> ...`), at most
 * MAX_SPEC_DESCRIPTION characters: the lead says what the operation does; the rest of a long spec
 * description (permissions, caveats) costs every client tokens on each `tools/list`.
 */
function leadParagraph(description: string): string {
  const paragraphs = specDescription(description)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim());
  const lead = paragraphs.find((paragraph) => paragraph.length > 0 && !paragraph.startsWith(">")) ?? "";
  if (lead.length <= MAX_SPEC_DESCRIPTION) return lead;
  const cut = lead.slice(0, MAX_SPEC_DESCRIPTION);
  const sentenceEnd = cut.lastIndexOf(". ");
  return sentenceEnd > 0 ? cut.slice(0, sentenceEnd + 1) : `${cut.trimEnd()}…`;
}

/**
 * The optional token of a confirm tool's second call. It is part of the generated schema (not only
 * added by the server) so snapshots and typed bindings show exactly what `tools/list` advertises.
 */
const CONFIRMATION_TOKEN_SCHEMA = {
  type: "string",
  description:
    "Leave out on the first call: the tool then returns a summary of the action and a token, and does nothing. After the user agrees, call again with the same arguments and this token to run it.",
};

/**
 * Arguments guards read, part of the tool's input and never sent upstream: the `acknowledged_count`
 * a count guard compares, and a confirm tool's optional `confirmation_token`.
 */
function guardArguments(guards: readonly Guard[]): NonNullable<InputOptions["extraArguments"]> {
  return guards.flatMap((guard): NonNullable<InputOptions["extraArguments"]> => {
    if (guard.type === "confirm") {
      return [{ argument: CONFIRMATION_TOKEN_ARGUMENT, required: false, schema: CONFIRMATION_TOKEN_SCHEMA }];
    }
    if (guard.type !== "acknowledged_count") return [];
    return [
      {
        argument: guard.argument,
        // A guard with `when` applies to some calls only (e.g. activating a workflow).
        required: guard.when === undefined,
        schema: {
          type: "integer",
          minimum: 0,
          description: `The ${guard.noun} size you showed the user; the call is rejected if it has changed.`,
        },
      },
    ];
  });
}

/** Adds the binding of every operation a guard looks up, so the server can run the lookup from the file alone. */
function addLookups(
  context: ToolContext,
  guards: readonly Guard[],
  document: unknown,
  registry: SchemaRegistry,
  lookups: Record<string, OperationBinding>,
  lookupContext: Record<string, Record<string, string>>,
): void {
  const { operations } = context;
  guards.forEach((guard, index) => {
    const lookup =
      guard.type === "acknowledged_count"
        ? { key: "count.operation", operation: guard.count.operation }
        : "target" in guard && guard.target
          ? { key: "target.operation", operation: guard.target.operation }
          : null;
    if (!lookup || lookups[lookup.operation]) return;
    const operation = operations.get(lookup.operation);
    const built = operation ? buildInput(document, registry, operation) : null;
    if (built?.success) {
      lookups[lookup.operation] = built.binding;
      const rules = contextRules(built.binding, context.contextSources);
      if (rules) lookupContext[lookup.operation] = rules;
    } else {
      const why = built
        ? built.problems.map((problem) => problem.message).join("; ")
        : "the spec has no such operation";
      context.keyIssue(
        `guards.${index}.${lookup.key}`,
        `guard lookup '${lookup.operation}' cannot be used: ${why}`,
      );
    }
  });
}
