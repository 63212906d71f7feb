import { isRecord } from "@toolwright/core/internal";
import { followRefs } from "../spec/local-ref.js";
import type { SpecOperation } from "../spec/operations.js";

/** A JSON schema node of the spec, with `$ref`s followed on demand. */
type SchemaNode = Record<string, unknown>;

/** The JSON schema of an operation's first 2xx response, refs followed; null when it has none. */
export function successResponseSchema(document: unknown, operation: SpecOperation): SchemaNode | null {
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  const item = followRefs(document, paths[operation.path]);
  const raw = isRecord(item) ? item[operation.method.toLowerCase()] : undefined;
  const responses = isRecord(raw) && isRecord(raw.responses) ? raw.responses : {};
  const status = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort()[0];
  if (status === undefined) return null;
  const response = followRefs(document, responses[status]);
  const content = isRecord(response) && isRecord(response.content) ? response.content : {};
  const json = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
  // Swagger 2.0-style `schema` directly on the response is accepted too.
  const schema = isRecord(json) ? json.schema : isRecord(response) ? response.schema : undefined;
  const resolved = followRefs(document, schema);
  return isRecord(resolved) ? resolved : null;
}

/** The JSON schema of an operation's JSON request body, refs followed; null when it has none. */
export function requestBodySchema(document: unknown, operation: SpecOperation): SchemaNode | null {
  const content = isRecord(operation.requestBody?.content) ? operation.requestBody.content : {};
  const json = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
  const resolved = followRefs(document, isRecord(json) ? json.schema : undefined);
  return isRecord(resolved) ? resolved : null;
}

/** The schema of one list item: `results.items` of a page, or `items` of a bare array. */
export function listItemSchema(document: unknown, schema: SchemaNode): SchemaNode | null {
  const node = resolve(document, schema);
  if (!node) return null;
  if (node.type === "array" || isRecord(node.items)) return resolve(document, node.items);
  const results = propertiesOf(document, node)?.get("results");
  const page = results ? resolve(document, results) : null;
  return page ? resolve(document, page.items) : null;
}

function resolve(document: unknown, node: unknown): SchemaNode | null {
  const resolved = followRefs(document, node);
  return isRecord(resolved) ? resolved : null;
}

/**
 * The named properties a schema declares (through allOf/anyOf/oneOf), or null when the schema is
 * open (no `properties`, or `additionalProperties` allowing any name): then no path can be ruled out.
 */
export function propertiesOf(document: unknown, schema: SchemaNode): Map<string, unknown> | null {
  const found = new Map<string, unknown>();
  let closed = false;
  let open = false;
  const visit = (node: unknown, depth: number) => {
    const resolved = resolve(document, node);
    if (!resolved || depth > 8) return;
    if (isRecord(resolved.properties)) {
      closed = true;
      for (const [name, child] of Object.entries(resolved.properties)) found.set(name, child);
    }
    if (resolved.additionalProperties !== undefined && resolved.additionalProperties !== false) open = true;
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const list = resolved[keyword];
      if (Array.isArray(list)) for (const part of list) visit(part, depth + 1);
    }
  };
  visit(schema, 0);
  return closed && !open ? found : null;
}

/** Whether a dot path (with `*`) can reach a value in data of this schema: `false` only when the schema rules it out. */
export function pathFits(
  document: unknown,
  schema: SchemaNode,
  path: string,
): { fits: boolean; known?: string[] } {
  let frontier: SchemaNode[] = [schema];
  for (const segment of path.split(".")) {
    const next: SchemaNode[] = [];
    for (const node of frontier) {
      const resolved = resolve(document, node);
      // A scalar (string, integer, ...) has nothing below it.
      if (!resolved || isScalar(resolved)) continue;
      const items = resolve(document, resolved.items);
      const properties = propertiesOf(document, resolved);
      if (segment === "*") {
        if (items) next.push(items);
        else if (properties) for (const child of properties.values()) pushResolved(document, child, next);
        else return { fits: true };
        continue;
      }
      if (items && /^\d+$/.test(segment)) {
        next.push(items);
        continue;
      }
      if (!properties) return { fits: true };
      const child = properties.get(segment);
      if (child !== undefined) pushResolved(document, child, next);
    }
    if (next.length === 0) {
      const known = frontier.flatMap((node) => [...(propertiesOf(document, node)?.keys() ?? [])]);
      return { fits: false, known: [...new Set(known)].sort() };
    }
    frontier = next;
  }
  return { fits: true };
}

function isScalar(schema: SchemaNode): boolean {
  const types = Array.isArray(schema.type)
    ? schema.type
    : typeof schema.type === "string"
      ? [schema.type]
      : null;
  return types !== null && !types.includes("object") && !types.includes("array");
}

function pushResolved(document: unknown, node: unknown, into: SchemaNode[]): void {
  const resolved = resolve(document, node);
  // A property declared as `true` or `{}` accepts anything: an open node.
  into.push(resolved ?? {});
}
