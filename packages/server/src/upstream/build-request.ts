import type { ObjectJsonSchema, OperationBinding } from "@toolwright/core";
import { encodeForm } from "./form-encoding.js";
import { joinUrl } from "./join-url.js";
import { encodeMultipart } from "./multipart-encoding.js";
import { queryPairs } from "./query-encoding.js";

/** A request ready for `fetch`, before credentials are added. */
export interface UpstreamHttpRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | FormData | Blob | undefined;
}

/** The binding's path template with the call's path arguments filled in, URL-encoded. */
export function bindingPath(binding: OperationBinding, args: Record<string, unknown>): string {
  return binding.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const argument = binding.arguments.find((entry) => entry.in === "path" && entry.name === name);
    const value = argument ? args[argument.argument] : undefined;
    return value === undefined ? "" : encodeURIComponent(String(value));
  });
}

function bodyArgument(binding: OperationBinding, wireName: string) {
  return binding.arguments.find((entry) => entry.in === "body" && entry.name === wireName);
}

function schemaLookup(binding: OperationBinding, inputSchema: ObjectJsonSchema) {
  return (wireName: string) => {
    const argument = bodyArgument(binding, wireName);
    const property = argument ? inputSchema.properties?.[argument.argument] : undefined;
    return typeof property === "object" && property !== null
      ? (property as Record<string, unknown>)
      : undefined;
  };
}

/** Content types whose body is one piece of text (or bytes) given as a single argument. */
const TEXT_BODIES = new Set(["text/plain", "application/xml", "text/xml", "application/octet-stream"]);

/** A text body as given; a base64 argument (`contentEncoding: base64`) decoded to its bytes. */
function textBody(value: unknown, schema: Record<string, unknown> | undefined): string | Blob {
  if (typeof value !== "string") return typeof value === "object" ? JSON.stringify(value) : String(value);
  if (schema?.contentEncoding === "base64") return new Blob([Buffer.from(value, "base64")]);
  return value;
}

function encodeBody(
  binding: OperationBinding,
  fields: Record<string, unknown>,
  args: Record<string, unknown>,
  inputSchema: ObjectJsonSchema,
): { body: string | FormData | Blob; contentType: string | null } | undefined {
  const spec = binding.body;
  if (!spec) return undefined;
  const value = spec.mode === "argument" && spec.argument ? args[spec.argument] : fields;
  if (value === undefined || (spec.mode === "fields" && !spec.required && Object.keys(fields).length === 0)) {
    return undefined;
  }
  if (spec.contentType === "multipart/form-data") {
    // fetch sets the multipart boundary itself.
    return {
      body: encodeMultipart(value as Record<string, unknown>, schemaLookup(binding, inputSchema)),
      contentType: null,
    };
  }
  if (spec.contentType === "application/x-www-form-urlencoded") {
    const encodingOf = (wireName: string) => bodyArgument(binding, wireName);
    return { body: encodeForm(value as Record<string, unknown>, encodingOf), contentType: spec.contentType };
  }
  if (TEXT_BODIES.has(spec.contentType)) {
    const property = spec.argument ? inputSchema.properties?.[spec.argument] : undefined;
    const schema =
      typeof property === "object" && property !== null ? (property as Record<string, unknown>) : undefined;
    return { body: textBody(value, schema), contentType: spec.contentType };
  }
  return { body: JSON.stringify(value), contentType: spec.contentType };
}

/** Places each argument where the binding says (path, query, header, body) and encodes the body. */
export function buildRequest(
  baseUrl: string,
  binding: OperationBinding,
  args: Record<string, unknown>,
  inputSchema: ObjectJsonSchema = { type: "object" },
): UpstreamHttpRequest {
  const query: Array<[string, string]> = [];
  const headers = new Headers({ accept: "application/json" });
  const fields: Record<string, unknown> = {};
  for (const argument of binding.arguments) {
    const value = args[argument.argument];
    // Path arguments are placed by `bindingPath`.
    if (value === undefined || argument.in === "path") continue;
    if (argument.in === "query") query.push(...queryPairs(argument, value));
    else if (argument.in === "header")
      headers.set(argument.name, typeof value === "string" ? value : JSON.stringify(value));
    else fields[argument.name] = value;
  }
  for (const fixed of binding.fixed ?? []) {
    if (fixed.in === "header") headers.set(fixed.name, fixed.value);
  }
  const url = joinUrl(baseUrl, bindingPath(binding, args));
  const literal = (binding.fixed ?? []).filter((fixed) => fixed.in === "query");
  for (const fixed of literal) url.searchParams.append(fixed.name, fixed.value);
  for (const [name, value] of query) url.searchParams.append(name, value);
  const encoded = encodeBody(binding, fields, args, inputSchema);
  if (encoded?.contentType) headers.set("content-type", encoded.contentType);
  return { method: binding.method, url, headers, body: encoded?.body };
}
