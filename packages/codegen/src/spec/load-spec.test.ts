import { describe, expect, it } from "vitest";
import { hasExternalRef } from "./load-spec.js";

describe("hasExternalRef", () => {
  it("finds references to other files, in JSON and YAML", () => {
    expect(hasExternalRef('{"schema": {"$ref": "./pet.json#/Pet"}}')).toBe(true);
    expect(hasExternalRef("schema:\n  $ref: ./pet.yaml#/Pet\n")).toBe(true);
    expect(hasExternalRef("schema: { $ref: 'https://example.com/pet.yaml' }")).toBe(true);
  });

  it("ignores internal references and path keys that end in $ref (Microsoft Graph)", () => {
    expect(hasExternalRef('{"schema": {"$ref": "#/components/schemas/Pet"}}')).toBe(false);
    expect(hasExternalRef('{"paths": {"/users/{id}/manager/$ref": {"get": {}}}}')).toBe(false);
    expect(hasExternalRef("paths:\n  /users/{id}/manager/$ref:\n    get: {}\n")).toBe(false);
  });
});
