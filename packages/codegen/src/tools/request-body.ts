import type { BodyContentType } from "@toolwright/core";
import { followRefs, isRecord } from "../spec/local-ref.js";

/** The content types a tool can send, in order of preference. */
const SUPPORTED: readonly BodyContentType[] = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
];

/** The request body a tool sends: its content type and raw spec schema. */
export interface ChosenBody {
  contentType: BodyContentType;
  required: boolean;
  schema: unknown;
  /** Per-field form encoding (`style`, `explode`), from the media type's `encoding`. */
  encoding: Record<string, { style?: string; explode?: boolean }>;
}

/** Why an operation's body cannot be sent, or the body to send (JSON preferred over form over multipart). */
export function chooseBody(requestBody: Record<string, unknown> | null): ChosenBody | string | null {
  if (!requestBody || !isRecord(requestBody.content)) return null;
  const available = Object.keys(requestBody.content);
  for (const wanted of SUPPORTED) {
    const match = available.find((type) => normaliseContentType(type) === wanted);
    if (match === undefined) continue;
    const media = requestBody.content[match];
    return {
      contentType: wanted,
      required: requestBody.required === true,
      schema: isRecord(media) && media.schema !== undefined ? media.schema : {},
      encoding: isRecord(media) && isRecord(media.encoding) ? fieldEncodings(media.encoding) : {},
    };
  }
  return `request body content type ${available.map((type) => `'${type}'`).join(", ")} is not supported; a tool can send ${SUPPORTED.join(", ")}`;
}

/** `application/vnd.x+json; charset=utf-8` is JSON; parameters after `;` never change the kind. */
function normaliseContentType(type: string): string {
  const bare = type.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^application\/([a-z0-9.-]+\+)?json$/.test(bare) ? "application/json" : bare;
}

/** The top-level fields of an object body, or null when the body must travel as one argument. */
export interface BodyFields {
  fields: Array<[string, unknown]>;
  required: Set<string>;
}

/**
 * Flattens an object body (following `$ref` and merging `allOf` parts) into its top-level fields.
 * Unions (`oneOf`/`anyOf`), non-objects and property-less maps return null: they stay one `body`
 * argument, because a tool's root schema must be a plain object without combinators.
 */
export function objectFields(document: unknown, schema: unknown, depth = 0): BodyFields | null {
  const resolved = followRefs(document, schema);
  if (!isRecord(resolved) || depth > 16) return null;
  if (resolved.oneOf !== undefined || resolved.anyOf !== undefined || resolved.not !== undefined) return null;
  if (resolved.type !== undefined && resolved.type !== "object") return null;
  const result: BodyFields = { fields: [], required: new Set() };
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) {
      const partFields = objectFields(document, part, depth + 1);
      if (!partFields) return null;
      merge(result, partFields);
    }
  }
  if (isRecord(resolved.properties)) merge(result, ownFields(document, resolved));
  // An object that names no properties and allows any key is a map: it travels whole as `body`.
  const map =
    result.fields.length === 0 &&
    resolved.properties === undefined &&
    resolved.additionalProperties !== false;
  return map ? null : result;
}

function ownFields(document: unknown, schema: Record<string, unknown>): BodyFields {
  const properties = schema.properties as Record<string, unknown>;
  // Read-only properties are set by the server; offering them as arguments would only mislead.
  const fields = Object.entries(properties).filter(([, value]) => {
    const target = followRefs(document, value);
    return !(isRecord(target) && target.readOnly === true);
  });
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return { fields, required };
}

function merge(into: BodyFields, from: BodyFields): void {
  for (const [name, value] of from.fields) {
    if (!into.fields.some(([existing]) => existing === name)) into.fields.push([name, value]);
  }
  for (const name of from.required) into.required.add(name);
}

function fieldEncodings(encoding: Record<string, unknown>): ChosenBody["encoding"] {
  const result: ChosenBody["encoding"] = {};
  for (const [field, value] of Object.entries(encoding)) {
    if (!isRecord(value)) continue;
    result[field] = {
      ...(typeof value.style === "string" ? { style: value.style } : {}),
      ...(typeof value.explode === "boolean" ? { explode: value.explode } : {}),
    };
  }
  return result;
}
