import { describe, expect, it } from "vitest";
import { SchemaRegistry } from "../schema/schema-registry.js";
import type { OpenApiDocument } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { outputSchemaFor } from "./output-schema.js";

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });

const document: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "integer" }, owner: { $ref: "#/components/schemas/Owner" } },
      },
      Owner: { type: "object", properties: { name: { type: "string" } } },
    },
  },
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        responses: { "200": json({ $ref: "#/components/schemas/Pet" }), "404": json({}) },
      },
    },
    "/pets": { get: { operationId: "listPets", responses: { "200": json({ type: "array", items: {} }) } } },
    "/maybe": {
      get: { operationId: "maybe", responses: { "201": json({ type: "object", nullable: true }) } },
    },
    "/none": { delete: { operationId: "remove", responses: { "204": { description: "gone" } } } },
  },
};

function schemaOf(id: string) {
  const operation = listOperations(document).find((candidate) => candidate.id === id);
  if (!operation) throw new Error(id);
  return outputSchemaFor(document, new SchemaRegistry(document, true), operation);
}

describe("outputSchemaFor", () => {
  it("inlines a root $ref to an object, with the schemas it reaches as $defs", () => {
    expect(schemaOf("getPet")).toEqual({
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" }, owner: { $ref: "#/$defs/Owner" } },
      $defs: { Owner: { type: "object", properties: { name: { type: "string" } } } },
    });
  });

  it("gives none for array, nullable and empty responses", () => {
    expect(schemaOf("listPets")).toBeNull();
    expect(schemaOf("maybe")).toBeNull();
    expect(schemaOf("remove")).toBeNull();
  });
});
