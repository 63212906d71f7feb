import { sortKeys } from "@toolwright/core/internal";
import { z } from "zod";
import type { AnyRoute } from "../routes/route.js";
import { ErrorSchema } from "../schemas/common.js";
import { componentRegistry } from "../schemas/registry.js";

type JsonObject = Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/**
 * Drops the ±2^53 bounds Zod adds to every integer: they say nothing a client can act on and would
 * cost every advertised tool schema bytes.
 */
function dropSafeIntegerBounds(context: { jsonSchema: JsonObject }): void {
  const schema = context.jsonSchema;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
}

/** Component schemas, converted once from the registry (request shapes: `io: "input"`). */
function componentSchemas(): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(componentRegistry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
    override: dropSafeIntegerBounds,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
      return [id, rest];
    }),
  );
}

function componentRef(schema: z.ZodType, where: string): JsonObject {
  const meta = componentRegistry.get(schema);
  if (!meta) throw new Error(`${where} is not a registered component schema; wrap it in component()`);
  return { $ref: `${COMPONENT_PREFIX}${meta.id}` };
}

/** Path and query parameters, one per property of the route's params/query object. */
function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    override: dropSafeIntegerBounds,
  }) as JsonObject;
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Invalid request (field-level issues in details.issues) or a guard rejected the input.",
  "401": "Missing or invalid API key.",
  "403": "The key lacks a required scope (named in missing_scopes).",
  "404": "Not found in the caller's project.",
};

function responses(route: AnyRoute): JsonObject {
  const errors: Record<string, JsonObject> = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, description]) => [
      status,
      { description, content: { "application/json": { schema: componentRef(ErrorSchema, "Error") } } },
    ]),
  );
  if (route.guards?.some((guard) => guard.type === "require_state" || guard.type === "acknowledged_count")) {
    errors["409"] = {
      description:
        "A guard rejected the call: the target is in the wrong state, or the acknowledged count drifted.",
      content: { "application/json": { schema: componentRef(ErrorSchema, "Error") } },
    };
  }
  if (route.guards?.some((guard) => guard.type === "acknowledged_count")) {
    errors["422"] = {
      description: "The audience is above the limit.",
      content: { "application/json": { schema: componentRef(ErrorSchema, "Error") } },
    };
  }
  if (route.guards?.some((guard) => guard.type === "rate_limit")) {
    errors["429"] = {
      description: "Rate limited by a guard; Retry-After says in how many seconds to retry.",
      headers: {
        "Retry-After": { description: "Seconds until a call is allowed again.", schema: { type: "integer" } },
      },
      content: { "application/json": { schema: componentRef(ErrorSchema, "Error") } },
    };
  }
  const success = route.response
    ? {
        description: "Success.",
        content: {
          "application/json": { schema: componentRef(route.response, `${route.operationId} response`) },
        },
      }
    : { description: "Deleted." };
  return { [String(route.status)]: success, ...errors };
}

function operation(route: AnyRoute): JsonObject {
  const parameterList = [...parameters(route.params, "path"), ...parameters(route.query, "query")];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    "x-required-scopes": [...route.scopes],
    ...(parameterList.length > 0 ? { parameters: parameterList } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: componentRef(route.body, `${route.operationId} body`) },
            },
          },
        }
      : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 document of the routes, generated from their Zod schemas; keys sorted so the text is stable. */
export function createOpenApiDocument(routes: readonly AnyRoute[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return sortKeys({
    openapi: "3.1.0",
    info: {
      title: "Toolwright Demo API",
      version: "1.0.0",
      description:
        "A small product-analytics API (persons, cohorts, alerts, integrations, destinations, workflows). Authenticate with 'Authorization: Bearer <key>'; every resource belongs to the key's project.",
    },
    servers: [{ url: "http://127.0.0.1:4010" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A demo API key." } },
      schemas: componentSchemas(),
    },
  }) as JsonObject;
}

/** The document as checked in: pretty JSON with a trailing newline. */
export function openApiText(routes: readonly AnyRoute[]): string {
  return `${JSON.stringify(createOpenApiDocument(routes), null, 2)}\n`;
}
