import { CONFIRMATION_TOKEN_ARGUMENT, type ObjectJsonSchema, ScopeSchema } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import type { ServedTool } from "../catalog/served-tool.js";
import { advertise } from "./advertised-tool.js";

function servedTool(inputSchema: ObjectJsonSchema, confirm: boolean): ServedTool {
  return {
    name: "workflows-delete",
    title: "Delete a workflow",
    description: "Deletes a workflow.",
    category: "Workflows",
    feature: "workflows",
    inputSchema,
    outputSchema: null,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    scopes: [ScopeSchema.parse("workflow:write")],
    featureFlag: null,
    guards: confirm ? [{ type: "confirm", ttl_seconds: 300 }] : [],
    list: false,
    response: null,
    enrichUrl: null,
    target: { kind: "handler", handler: () => null },
  };
}

const idOnly: ObjectJsonSchema = {
  type: "object",
  properties: { id: { type: "integer" } },
  required: ["id"],
  additionalProperties: false,
};

describe("advertise", () => {
  it("adds the optional confirmation token to a confirm tool whose schema lacks it (hand-written tools)", () => {
    const schema = advertise(servedTool(idOnly, true)).inputSchema;
    expect(Object.keys(schema.properties ?? {})).toEqual(["id", CONFIRMATION_TOKEN_ARGUMENT]);
    expect(schema.properties?.[CONFIRMATION_TOKEN_ARGUMENT]).toMatchObject({ type: "string" });
    expect(schema.required).toEqual(["id"]);
  });

  it("advertises a generated confirm tool's schema exactly as the catalog has it", () => {
    const generated: ObjectJsonSchema = {
      ...idOnly,
      properties: {
        ...idOnly.properties,
        [CONFIRMATION_TOKEN_ARGUMENT]: { type: "string", description: "From the catalog." },
      },
    };
    expect(advertise(servedTool(generated, true)).inputSchema).toEqual(generated);
  });

  it("leaves tools without a confirm guard alone", () => {
    expect(advertise(servedTool(idOnly, false)).inputSchema).toEqual(idOnly);
  });
});
