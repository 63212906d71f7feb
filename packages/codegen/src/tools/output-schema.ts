import type { ObjectJsonSchema } from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import type { JsonSchema } from "../schema/json-schema.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { followRefs } from "../spec/local-ref.js";
import type { SpecOperation } from "../spec/operations.js";

const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json$/;

/** The JSON schema of the operation's first documented success response (200, 201, ..., `2XX`), if any. */
function successSchema(document: unknown, operation: SpecOperation): unknown {
  const codes = Object.keys(operation.responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const response = followRefs(document, operation.responses[code]);
    if (!isRecord(response) || !isRecord(response.content)) continue;
    const json = Object.entries(response.content).find(([type]) =>
      JSON_TYPE.test(type.split(";")[0]?.trim().toLowerCase() ?? ""),
    );
    if (json && isRecord(json[1]) && json[1].schema !== undefined) return json[1].schema;
  }
  return undefined;
}

/**
 * The tool's `outputSchema`: the success response's JSON schema when its root is a plain object
 * (MCP requires `type: "object"` at the root). A root `$ref` is inlined, with the shared schemas it
 * reaches as `$defs`; a root that may be null, an array or a union gets none.
 */
export function outputSchemaFor(
  document: unknown,
  registry: SchemaRegistry,
  operation: SpecOperation,
): ObjectJsonSchema | null {
  const schema = successSchema(document, operation);
  if (schema === undefined) return null;
  let root: JsonSchema | boolean;
  let refs: Iterable<string>;
  if (isRecord(schema) && typeof schema.$ref === "string" && Object.keys(schema).length === 1) {
    root = registry.sharedSchema(schema.$ref);
    refs = registry.dependencies(schema.$ref);
  } else {
    const converted = registry.convert(schema);
    root = converted.schema;
    refs = converted.refs;
  }
  if (typeof root !== "object" || root.type !== "object") return null;
  const defs = registry.defsFor(refs);
  const { $defs: _ignored, ...rest } = root;
  return {
    ...rest,
    type: "object",
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  } as ObjectJsonSchema;
}
