import { isRecord } from "@toolwright/core/internal";

import { specDescription } from "./description-text.js";
import {
  type JsonSchema,
  PORTABLE_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_LIST_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
} from "./json-schema.js";
import { unicodePattern } from "./unicode-pattern.js";

/** What the converter needs from its caller: the OpenAPI version and how to name a referenced schema. */
export interface ConvertContext {
  openapi30: boolean;
  /** Registers a spec `$ref` and returns the reference to use in the output (`#/$defs/Name`). */
  reference(ref: string): string;
  /** Told of each pattern that cannot be made valid under the `u` flag (it is left out). */
  droppedPattern?(pattern: string): void;
}

/**
 * Converts an OpenAPI 3.0/3.1 schema to portable JSON Schema: `nullable` becomes a type union,
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, `example` becomes `examples`,
 * `format: binary` becomes base64 text, Markdown links in descriptions become their text, and OpenAPI-only keywords (`discriminator`, `xml`,
 * `externalDocs`, `x-*`) are dropped. Regex patterns are made valid under the `u` flag JSON Schema
 * validators use, or dropped when they cannot be. `$ref`s are rewritten through the context, never inlined.
 */
export function convertSchema(schema: unknown, context: ConvertContext): JsonSchema | boolean {
  if (typeof schema === "boolean") return schema;
  if (!isRecord(schema)) return {};
  const output: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" && schema.examples === undefined) output.examples = [value];
    else if (key === "$ref" && typeof value === "string") output.$ref = context.reference(value);
    else if (key === "description" && typeof value === "string") output.description = specDescription(value);
    else if (key === "pattern" && typeof value === "string") {
      const pattern = unicodePattern(value);
      if (pattern === null) context.droppedPattern?.(value);
      else output.pattern = pattern;
    } else if (PORTABLE_KEYWORDS.has(key)) output[key] = convertKeyword(key, value, context);
  }
  fixExclusiveBounds(schema, output);
  if (output.format === "binary") encodeBinary(output);
  if (context.openapi30 && schema.nullable === true) return makeNullable(output);
  return output;
}

function convertKeyword(key: string, value: unknown, context: ConvertContext): unknown {
  if (SUBSCHEMA_KEYWORDS.has(key)) {
    // OpenAPI 3.0 has no tuple `items`; a list there is kept as its first schema for portability.
    const single = key === "items" && Array.isArray(value) ? value[0] : value;
    return convertSchema(single, context);
  }
  if (SUBSCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
    return value.map((item) => convertSchema(item, context));
  }
  if (SUBSCHEMA_MAP_KEYWORDS.has(key) && isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, convertSchema(item, context)]),
    );
  }
  if (key === "required" && !Array.isArray(value)) return undefined;
  // Validators reject duplicate enum values (real specs have them); the set of values is unchanged.
  if ((key === "enum" || key === "required") && Array.isArray(value)) return uniqueValues(value);
  return value;
}

/** OpenAPI 3.0 writes `exclusiveMinimum: true` next to `minimum`; JSON Schema wants the number itself. */
function fixExclusiveBounds(source: Record<string, unknown>, output: JsonSchema): void {
  for (const [exclusive, inclusive] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof source[exclusive] !== "boolean") continue;
    delete output[exclusive];
    if (source[exclusive] === true && typeof source[inclusive] === "number") {
      output[exclusive] = source[inclusive];
      delete output[inclusive];
    }
  }
}

/** Binary content travels as base64 text in JSON-RPC arguments. */
function encodeBinary(output: JsonSchema): void {
  delete output.format;
  output.type = "string";
  output.contentEncoding = "base64";
  const note = "Base64-encoded file content.";
  output.description = typeof output.description === "string" ? `${output.description} (${note})` : note;
}

/** OpenAPI 3.0 `nullable: true` as JSON Schema: `null` joins the type (and enum), or wraps the schema. */
function makeNullable(output: JsonSchema): JsonSchema {
  const type = output.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    output.type = types.includes("null") ? types : [...types, "null"];
    if (Array.isArray(output.enum) && !output.enum.includes(null)) output.enum = [...output.enum, null];
    return output;
  }
  if (Object.keys(output).length === 0) return output;
  return { anyOf: [output, { type: "null" }] };
}

function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
