import type { FixedValue, ObjectJsonSchema, OperationBinding, ParamOverride } from "@toolwright/core";
import type { JsonSchema } from "../schema/json-schema.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import type { SpecOperation } from "../spec/operations.js";
import {
  credentialHeaders,
  isRequiredHeader,
  splitPathTemplate,
  takeConstantHeaders,
} from "./fixed-values.js";
import { chooseBody } from "./request-body.js";
import { type CandidateArgument, operationArguments } from "./tool-arguments.js";

/** How a definition narrows and adjusts an operation's arguments. */
export interface InputOptions {
  include_params?: string[] | undefined;
  exclude_params?: string[] | undefined;
  param_overrides?: Record<string, ParamOverride> | undefined;
  /** Arguments a guard needs that the operation does not have (never sent upstream). */
  extraArguments?: Array<{ argument: string; schema: JsonSchema; required: boolean }>;
  /** Wire names of path and query parameters the server fills from the caller: bound, not in the schema. */
  contextNames?: ReadonlySet<string>;
}

/** A problem building a tool's input, located by the key of the definition at fault. */
interface InputProblem {
  key: string;
  message: string;
  /** A problem the tool still builds with (an exclude that names no input). */
  severity?: "warning";
}

/** A tool's input schema and operation binding, or the problems that prevent them. */
export type BuiltInput =
  | {
      success: true;
      inputSchema: ObjectJsonSchema;
      binding: OperationBinding;
      refs: Set<string>;
      warnings: InputProblem[];
    }
  | { success: false; problems: InputProblem[] };

/** Builds one tool's input schema (root `type: object`) and its binding to the operation. */
export function buildInput(
  document: unknown,
  registry: SchemaRegistry,
  operation: SpecOperation,
  options: InputOptions = {},
): BuiltInput {
  const body = chooseBody(operation.requestBody);
  if (typeof body === "string") return { success: false, problems: [{ key: "operation", message: body }] };
  const all = operationArguments(document, registry, operation, body);
  const { bodyMode, refs } = all;
  const credentials = credentialHeaders(document);
  const { candidates, fixed } = takeConstantHeaders(all.candidates, credentials);
  const problems: InputProblem[] = [];
  const fixedNames = new Set(
    all.candidates
      .filter((candidate) => !candidates.includes(candidate))
      .map((candidate) => candidate.argument),
  );
  const kept = selectArguments(
    candidates,
    options,
    problems,
    (candidate) => isRequiredHeader(candidate, credentials),
    fixedNames,
  );
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const candidate of kept) {
    if (isContextBound(candidate, options)) continue;
    properties[candidate.argument] = candidate.schema;
    if (candidate.required) required.push(candidate.argument);
  }
  for (const extra of options.extraArguments ?? []) {
    if (properties[extra.argument] !== undefined) continue;
    properties[extra.argument] = extra.schema;
    if (extra.required) required.push(extra.argument);
  }
  applyOverrides(properties, required, kept, options.param_overrides ?? {}, problems);
  const warnings = problems.filter((problem) => problem.severity === "warning");
  if (warnings.length < problems.length) return { success: false, problems };
  const defs = registry.defsFor(refs);
  const inputSchema: ObjectJsonSchema = {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
  return {
    success: true,
    inputSchema,
    binding: toBinding(operation, kept, body, bodyMode, fixed),
    refs,
    warnings,
  };
}

/** True for a path or query parameter the server fills from the caller. */
function isContextBound(candidate: CandidateArgument, options: InputOptions): boolean {
  return (
    (candidate.in === "path" || candidate.in === "query") &&
    options.contextNames?.has(candidate.name) === true
  );
}

function selectArguments(
  candidates: CandidateArgument[],
  options: InputOptions,
  problems: InputProblem[],
  requiredHeader: (candidate: CandidateArgument) => boolean,
  fixedNames: ReadonlySet<string>,
): CandidateArgument[] {
  const names = new Set(candidates.map((candidate) => candidate.argument));
  // Caller-filled parameters are not the definition's to choose, so they are not offered.
  const known =
    candidates
      .filter((candidate) => !isContextBound(candidate, options))
      .map((candidate) => candidate.argument)
      .join(", ") || "(none)";
  const check = (key: "include_params" | "exclude_params") =>
    (options[key] ?? []).forEach((name, index) => {
      // Dotted excludes reach into body fields; they are applied to the built schema.
      if (key === "exclude_params" && name.includes(".")) return;
      // A header sent as a fixed value may still be named by a definition written before it was.
      if (!names.has(name) && !fixedNames.has(name)) {
        // Excluding what is not an input (a read-only field such as `state`) changes nothing: a warning.
        problems.push({
          key: `${key}.${index}`,
          message:
            key === "exclude_params"
              ? `'${name}' is not an input of the operation, so excluding it changes nothing; the operation has: ${known}`
              : `unknown parameter '${name}'; the operation has: ${known}`,
          ...(key === "exclude_params" ? { severity: "warning" as const } : {}),
        });
      }
    });
  check("include_params");
  check("exclude_params");
  const include = options.include_params ? new Set(options.include_params) : null;
  const exclude = new Set(options.exclude_params ?? []);
  return candidates.filter((candidate) => {
    // Caller-filled parameters stay bound whatever the definition keeps: the server sets them.
    if (isContextBound(candidate, options)) return true;
    // Path parameters and required headers are always kept: the request cannot be made without them.
    const needed = candidate.in === "path" || requiredHeader(candidate);
    if (include) return include.has(candidate.argument) || needed;
    if (exclude.has(candidate.argument)) {
      if (candidate.in === "path") {
        problems.push({
          key: "exclude_params",
          message: `path parameter '${candidate.argument}' cannot be excluded`,
        });
      }
      return false;
    }
    // Optional header parameters are often transport details (versions, auth); a definition opts in to each.
    return candidate.in !== "header" || needed;
  });
}

function applyOverrides(
  properties: Record<string, unknown>,
  required: string[],
  kept: CandidateArgument[],
  overrides: Record<string, ParamOverride>,
  problems: InputProblem[],
): void {
  for (const [name, override] of Object.entries(overrides)) {
    const current = properties[name];
    if (current === undefined) {
      const known = Object.keys(properties).join(", ") || "(none)";
      problems.push({
        key: `param_overrides.${name}`,
        message: `unknown parameter '${name}'; the tool has: ${known}`,
      });
      continue;
    }
    const schema: JsonSchema =
      typeof current === "object" && current !== null ? { ...(current as JsonSchema) } : {};
    if (override.description !== undefined) schema.description = override.description;
    if (override.default !== undefined) schema.default = override.default;
    properties[name] = schema;
    const isPath = kept.some((candidate) => candidate.argument === name && candidate.in === "path");
    if (override.required === true && !required.includes(name)) required.push(name);
    if (override.optional === true && required.includes(name)) {
      if (isPath && override.default === undefined) {
        problems.push({
          key: `param_overrides.${name}.optional`,
          message: `path parameter '${name}' needs a 'default' to be optional`,
        });
      } else required.splice(required.indexOf(name), 1);
    }
  }
}

function toBinding(
  operation: SpecOperation,
  kept: CandidateArgument[],
  body: ReturnType<typeof chooseBody>,
  bodyMode: "fields" | "argument" | null,
  fixedHeaders: FixedValue[],
): OperationBinding {
  const bodyArgument = kept.find((candidate) => candidate.in === "body" && bodyMode === "argument");
  const { path, query } = splitPathTemplate(operation.path);
  const fixed = [...query, ...fixedHeaders];
  return {
    operationId: operation.id,
    method: operation.method,
    path,
    arguments: kept.map((candidate) => ({
      argument: candidate.argument,
      in: candidate.in,
      name: candidate.name,
      ...(candidate.style === undefined ? {} : { style: candidate.style }),
      ...(candidate.explode === undefined ? {} : { explode: candidate.explode }),
    })),
    body:
      body && typeof body !== "string" && bodyMode
        ? {
            contentType: body.contentType,
            required: body.required,
            mode: bodyMode,
            ...(bodyMode === "argument" ? { argument: bodyArgument?.argument ?? "body" } : {}),
          }
        : null,
    ...(fixed.length > 0 ? { fixed } : {}),
  };
}
