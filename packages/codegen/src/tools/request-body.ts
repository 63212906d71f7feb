import type { BodyContentType } from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import { followRefs } from "../spec/local-ref.js";

/** The content types a tool can send, in order of preference. */
const SUPPORTED: readonly BodyContentType[] = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
  "application/xml",
  "text/xml",
  "application/octet-stream",
];

/** Content types sent as one text argument: their schema (if any) describes text, not fields. */
export const TEXT_CONTENT_TYPES: ReadonlySet<BodyContentType> = new Set([
  "text/plain",
  "application/xml",
  "text/xml",
  "application/octet-stream",
]);

/** The request body a tool sends: its content type and raw spec schema. */
export interface ChosenBody {
  contentType: BodyContentType;
  required: boolean;
  /**
   * True only when the spec says `required: false` in so many words. An absent `required` is
   * usually an omission (Twilio's `create-call` needs `To` and `From`), so the schema's own required
   * fields stay required then.
   */
  explicitlyOptional: boolean;
  schema: unknown;
  /** Per-field form encoding (`style`, `explode`), from the media type's `encoding`. */
  encoding: Record<string, { style?: string; explode?: boolean }>;
}

/**
 * Why an operation's body cannot be sent, or the body to send (JSON preferred over form over
 * multipart over text). An optional body that no media type describes (`application/octet-stream: {}`
 * on a GET) is no body at all: the operation works without one.
 */
export function chooseBody(requestBody: Record<string, unknown> | null): ChosenBody | string | null {
  if (!requestBody || !isRecord(requestBody.content)) return null;
  const content = requestBody.content;
  const available = Object.keys(content);
  const required = requestBody.required === true;
  const described = available.some((type) => isRecord(content[type]) && content[type].schema !== undefined);
  if (!required && !described) return null;
  for (const wanted of SUPPORTED) {
    const match = available.find((type) => normaliseContentType(type) === wanted);
    if (match === undefined) continue;
    const media = content[match];
    return {
      contentType: wanted,
      required,
      explicitlyOptional: requestBody.required === false,
      schema: isRecord(media) && media.schema !== undefined ? media.schema : schemalessBody(wanted),
      encoding: isRecord(media) && isRecord(media.encoding) ? fieldEncodings(media.encoding) : {},
    };
  }
  return `request body content type ${available.map((type) => `'${type}'`).join(", ")} is not supported; a tool can send ${SUPPORTED.join(", ")}`;
}

/** What a body without a schema can hold: any JSON, any text, or any bytes (base64 in the arguments). */
function schemalessBody(contentType: BodyContentType): unknown {
  if (contentType === "application/octet-stream") return { type: "string", format: "binary" };
  return TEXT_CONTENT_TYPES.has(contentType) ? { type: "string" } : {};
}

/**
 * `application/vnd.x+json; charset=utf-8` is JSON and `application/atom+xml` is XML; parameters
 * after `;` never change the kind.
 */
function normaliseContentType(type: string): string {
  const bare = type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (/^application\/([a-z0-9.-]+\+)?json$/.test(bare)) return "application/json";
  return /^application\/[a-z0-9.-]+\+xml$/.test(bare) ? "application/xml" : bare;
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
