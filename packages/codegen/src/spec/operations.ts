import type { HttpMethod } from "@toolwright/core";
import { isRecord } from "@toolwright/core/internal";
import type { OpenApiDocument } from "./load-spec.js";
import { followRefs } from "./local-ref.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** One resolved OpenAPI parameter. */
interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  schema: unknown;
  style?: string;
  explode?: boolean;
}

/** One operation of the spec with its parameters resolved (path-level merged in). */
export interface SpecOperation {
  /** The operationId, or `METHOD /path` when the spec has none: definition files reference it. */
  id: string;
  hasOperationId: boolean;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  parameters: SpecParameter[];
  /** The request body object with its `$ref` followed, or null. */
  requestBody: Record<string, unknown> | null;
  /** The operation's `responses` map as written (each response may still be a `$ref`). */
  responses: Record<string, unknown>;
}

/** Every operation of the document, in path then method order (the spec's own order). */
export function listOperations(document: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = followRefs(document, rawItem);
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isRecord(operation)) operations.push(toOperation(document, path, method, item, operation));
    }
  }
  return operations;
}

/** The synthetic id of an operation without operationId, e.g. `GET /pets/{id}`. */
export function methodPathId(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Operations by id (operationId, and `METHOD /path` for every operation). */
export function indexOperations(operations: readonly SpecOperation[]): Map<string, SpecOperation> {
  const index = new Map<string, SpecOperation>();
  for (const operation of operations) {
    index.set(methodPathId(operation.method, operation.path), operation);
    index.set(operation.id, operation);
  }
  return index;
}

function toOperation(
  document: OpenApiDocument,
  path: string,
  method: (typeof METHODS)[number],
  item: Record<string, unknown>,
  operation: Record<string, unknown>,
): SpecOperation {
  const operationId = typeof operation.operationId === "string" ? operation.operationId : undefined;
  const body = operation.requestBody === undefined ? null : followRefs(document, operation.requestBody);
  return {
    id: operationId ?? methodPathId(method, path),
    hasOperationId: operationId !== undefined,
    method: method.toUpperCase() as HttpMethod,
    path,
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { description: operation.description } : {}),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag) => typeof tag === "string") : [],
    deprecated: operation.deprecated === true,
    parameters: mergeParameters(document, item.parameters, operation.parameters),
    requestBody: isRecord(body) ? body : null,
    responses: isRecord(operation.responses) ? operation.responses : {},
  };
}

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function mergeParameters(
  document: OpenApiDocument,
  pathLevel: unknown,
  operationLevel: unknown,
): SpecParameter[] {
  const merged = new Map<string, SpecParameter>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = toParameter(followRefs(document, raw));
      if (parameter) merged.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...merged.values()];
}

function toParameter(raw: unknown): SpecParameter | null {
  if (!isRecord(raw) || typeof raw.name !== "string") return null;
  const location = raw.in;
  if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie")
    return null;
  return {
    name: raw.name,
    in: location,
    required: location === "path" || raw.required === true,
    ...(typeof raw.description === "string" ? { description: raw.description } : {}),
    schema: raw.schema ?? contentSchema(raw.content) ?? {},
    ...(typeof raw.style === "string" ? { style: raw.style } : {}),
    ...(typeof raw.explode === "boolean" ? { explode: raw.explode } : {}),
  };
}

function contentSchema(content: unknown): unknown {
  if (!isRecord(content)) return undefined;
  const first = Object.values(content)[0];
  return isRecord(first) ? first.schema : undefined;
}
