import { describe, expect, it } from "vitest";
import { convertSchema } from "./convert-schema.js";

const context30 = { openapi30: true, reference: (ref: string) => `#/$defs/${ref.split("/").at(-1)}` };
const context31 = { ...context30, openapi30: false };

describe("convertSchema", () => {
  it("turns 3.0 nullable into a type union, adding null to an enum", () => {
    expect(convertSchema({ type: "string", enum: ["a"], nullable: true }, context30)).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("wraps a 3.0 nullable schema without a type in anyOf with null", () => {
    expect(
      convertSchema({ allOf: [{ $ref: "#/components/schemas/Owner" }], nullable: true }, context30),
    ).toEqual({
      anyOf: [{ allOf: [{ $ref: "#/$defs/Owner" }] }, { type: "null" }],
    });
  });

  it("leaves 3.1 type arrays alone and ignores nullable there", () => {
    expect(convertSchema({ type: ["number", "null"], nullable: true }, context31)).toEqual({
      type: ["number", "null"],
    });
  });

  it("converts boolean exclusive bounds and example, and drops OpenAPI-only keywords", () => {
    const converted = convertSchema(
      {
        type: "integer",
        minimum: 0,
        exclusiveMinimum: true,
        maximum: 9,
        exclusiveMaximum: false,
        example: 3,
        discriminator: { propertyName: "kind" },
        xml: { name: "x" },
        externalDocs: { url: "https://example.com" },
        "x-internal": true,
      },
      context30,
    );
    expect(converted).toEqual({ type: "integer", exclusiveMinimum: 0, maximum: 9, examples: [3] });
  });

  it("turns binary strings into base64 text and says so", () => {
    expect(convertSchema({ type: "string", format: "binary" }, context30)).toEqual({
      type: "string",
      contentEncoding: "base64",
      description: "Base64-encoded file content.",
    });
  });

  it("rewrites references instead of inlining them, at any depth", () => {
    expect(convertSchema({ type: "array", items: { $ref: "#/components/schemas/Node" } }, context31)).toEqual(
      { type: "array", items: { $ref: "#/$defs/Node" } },
    );
  });

  it("removes duplicate enum values and reduces Markdown links to their text", () => {
    expect(
      convertSchema(
        { enum: ["a", "a", "b"], description: "See [the docs](https://example.com/x)." },
        context31,
      ),
    ).toEqual({ enum: ["a", "b"], description: "See the docs." });
  });
});
