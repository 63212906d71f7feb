import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ServedTool } from "../catalog/served-tool.js";

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, logger: false }));
const compiled = new WeakMap<ServedTool, ValidateFunction | Error>();

/** The schema used for validation: unknown root keys are always rejected, whatever the catalog says. */
function validationSchema(tool: ServedTool): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = tool.inputSchema as Record<string, unknown>;
  return { ...schema, additionalProperties: false };
}

function validatorFor(tool: ServedTool): ValidateFunction | Error {
  let validator = compiled.get(tool);
  if (!validator) {
    try {
      validator = ajv.compile(validationSchema(tool));
    } catch (error) {
      validator = error instanceof Error ? error : new Error(String(error));
    }
    compiled.set(tool, validator);
  }
  return validator;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath
    ? `'${error.instancePath.slice(1).replaceAll("/", ".")}'`
    : "the arguments";
  if (error.keyword === "additionalProperties") {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return error.instancePath ? `${where} has an unknown key '${key}'` : `unknown argument '${key}'`;
  }
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `missing required argument '${error.instancePath ? `${error.instancePath.slice(1).replaceAll("/", ".")}.` : ""}${missing}'`;
  }
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((value) =>
      JSON.stringify(value),
    );
    return `${where} must be one of ${allowed.join(", ")}`;
  }
  return `${where} ${error.message ?? "is invalid"}`;
}

/**
 * Validates arguments against the tool's JSON Schema (2020-12), compiled once per tool.
 * Returns null when valid, else a message listing what to fix and the accepted arguments.
 */
export function validateArguments(tool: ServedTool, args: Record<string, unknown>): string | null {
  const validator = validatorFor(tool);
  if (validator instanceof Error) return `'${tool.name}' cannot be called: its input schema is invalid.`;
  if (validator(args)) return null;
  const problems = [...new Set((validator.errors ?? []).map(describeError))].slice(0, 8);
  const accepted = Object.keys(tool.inputSchema.properties ?? {});
  return `Invalid arguments for '${tool.name}': ${problems.join("; ")}. Accepted arguments: ${accepted.length > 0 ? accepted.join(", ") : "none"}.`;
}
