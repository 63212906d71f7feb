import { isRecord } from "@toolwright/core/internal";
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { errorResult, type ToolResult, textResult } from "../calls/tool-result.js";
import type { ServedTool } from "../catalog/served-tool.js";

import type { SizedResult } from "./result-size.js";

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv = addFormats(new Ajv2020({ strict: false, logger: false }));
const compiled = new WeakMap<ServedTool, ValidateFunction | Error>();

function validatorFor(tool: ServedTool): ValidateFunction | Error {
  let validator = compiled.get(tool);
  if (!validator) {
    try {
      const { $schema: _ignored, ...schema } = (tool.outputSchema ?? {}) as Record<string, unknown>;
      validator = ajv.compile(schema);
    } catch (error) {
      validator = error instanceof Error ? error : new Error(String(error));
    }
    compiled.set(tool, validator);
  }
  return validator;
}

/** Why the data cannot be this tool's `structuredContent`, or null when it can. */
function mismatch(tool: ServedTool, sized: SizedResult): string | null {
  if (sized.truncated) return "it was too large and had to be cut";
  if (!isRecord(sized.data)) return "it is not a JSON object";
  const validator = validatorFor(tool);
  if (validator instanceof Error) return "the tool's output schema does not compile";
  if (validator(sized.data)) return null;
  const error = validator.errors?.[0];
  const where = error?.instancePath ? `'${error.instancePath.slice(1).replaceAll("/", ".")}'` : "the answer";
  return `${where} ${error?.message ?? "does not match"}`;
}

/**
 * The result of a tool that advertises an `outputSchema`. MCP clients validate `structuredContent`
 * against it and reject the whole result on a mismatch (the TypeScript SDK's `callTool` throws, and
 * throws too when structured content is missing from a result that is not an error). So the data
 * is validated here first: a match is returned as text and `structuredContent`; an answer that has
 * drifted from the documented shape is returned as an `isError` result that says so and still
 * carries the answer as text, which every client accepts.
 */
export function structuredResult(tool: ServedTool, sized: SizedResult): ToolResult {
  const problem = mismatch(tool, sized);
  if (problem === null)
    return { ...textResult(sized.text), structuredContent: sized.data as Record<string, unknown> };
  return errorResult(
    `The upstream answered, but not in the shape this tool documents (${problem}), so there is no structured result. The answer as text:\n${sized.text}`,
  );
}

/** The result of an upstream answer with no content, for a tool that documents an object output. */
export function noContentResult(): ToolResult {
  return errorResult(
    "The upstream answered with no content, where this tool documents an object; the call may still have succeeded, so check before repeating it.",
  );
}
