import { describe, expect, it } from "vitest";
import { SchemaRegistry } from "../schema/schema-registry.js";
import type { OpenApiDocument } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { buildInput } from "./build-input.js";

const form = (required?: boolean) => ({
  ...(required === undefined ? {} : { required }),
  content: {
    "application/x-www-form-urlencoded": {
      schema: {
        type: "object",
        required: ["To", "From"],
        properties: {
          To: { type: "string" },
          From: { type: "string" },
          StatusCallbackEvent: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
});

const document: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Api-Key" } } },
  paths: {
    "/calls": { post: { operationId: "createCall", requestBody: form() } },
    "/calls/draft": { post: { operationId: "draftCall", requestBody: form(false) } },
    "/#X-Amz-Target=Logs_20140328.AssociateKmsKey": {
      post: {
        operationId: "AssociateKmsKey",
        parameters: [
          {
            name: "X-Amz-Target",
            in: "header",
            required: true,
            schema: { type: "string", enum: ["Logs_20140328.AssociateKmsKey"] },
          },
          { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
          { name: "X-Api-Key", in: "header", required: true, schema: { type: "string" } },
          { name: "X-Optional", in: "header", schema: { type: "string" } },
        ],
      },
    },
    "/?Action=ListQueues&Version=2012-11-05": { get: { operationId: "ListQueues" } },
    "/api/v1/users": {
      get: { operationId: "listUsers", requestBody: { content: { "application/octet-stream": {} } } },
    },
    "/things": {
      put: {
        operationId: "putThing",
        requestBody: {
          required: true,
          content: { "text/xml": { schema: { type: "object", properties: { a: { type: "string" } } } } },
        },
      },
    },
  },
};

function built(id: string) {
  const operation = listOperations(document).find((candidate) => candidate.id === id);
  if (!operation) throw new Error(id);
  const result = buildInput(document, new SchemaRegistry(document, true), operation);
  if (!result.success) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe("buildInput fidelity", () => {
  it("keeps a form body's required fields when requestBody.required is absent, not when it is false", () => {
    expect(built("createCall").inputSchema.required).toEqual(["To", "From"]);
    expect(built("draftCall").inputSchema.required).toBeUndefined();
  });

  it("sends the literal query of a path template and drops its fragment", () => {
    expect(built("ListQueues").binding).toMatchObject({
      path: "/",
      fixed: [
        { in: "query", name: "Action", value: "ListQueues" },
        { in: "query", name: "Version", value: "2012-11-05" },
      ],
    });
  });

  it("sends a constant required header as a fixed value and keeps other required headers, credentials aside", () => {
    const { binding, inputSchema } = built("AssociateKmsKey");
    expect(binding.path).toBe("/");
    expect(binding.fixed).toEqual([
      { in: "header", name: "X-Amz-Target", value: "Logs_20140328.AssociateKmsKey" },
    ]);
    expect(Object.keys(inputSchema.properties ?? {})).toEqual(["X-Trace"]);
    expect(inputSchema.required).toEqual(["X-Trace"]);
  });

  it("treats an optional body no media type describes as no body", () => {
    expect(built("listUsers").binding.body).toBeNull();
  });

  it("sends an XML body described as an object as one string argument", () => {
    const { binding, inputSchema } = built("putThing");
    expect(binding.body).toEqual({
      contentType: "text/xml",
      required: true,
      mode: "argument",
      argument: "body",
    });
    expect(inputSchema.properties?.body).toMatchObject({ type: "string" });
  });
});
