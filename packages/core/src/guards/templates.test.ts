import { describe, expect, it } from "vitest";
import { resolveParams, resolveTemplate, templatePlaceholders, templateText } from "./templates.js";

describe("templates", () => {
  const scope = { args: { id: 42, name: "Launch", tags: ["a"] }, item: { value: 7 } };

  it("keeps the type of a value that is a whole placeholder", () => {
    expect(resolveTemplate("{args.id}", scope)).toEqual({ value: 42, missing: [] });
    expect(resolveTemplate("{args.tags}", scope)).toEqual({ value: ["a"], missing: [] });
    expect(resolveTemplate(5, scope)).toEqual({ value: 5, missing: [] });
  });

  it("interpolates placeholders inside text and reports missing ones", () => {
    expect(resolveTemplate("Send {args.name} ({args.id})", scope)).toEqual({
      value: "Send Launch (42)",
      missing: [],
    });
    expect(resolveTemplate("{args.nope} and {item.value}", scope)).toEqual({
      value: " and 7",
      missing: ["args.nope"],
    });
    expect(resolveTemplate("{args.constructor}", scope)).toEqual({
      value: undefined,
      missing: ["args.constructor"],
    });
  });

  it("resolves every param", () => {
    expect(resolveParams({ id: "{item.value}", limit: 1, q: "{args.missing}" }, scope)).toEqual({
      params: { id: 7, limit: 1, q: undefined },
      missing: ["args.missing"],
    });
  });

  it("leaves out an optional whole placeholder that has no value, and keeps one that has", () => {
    expect(resolveParams({ id: "{args.id}", filters: "{args.filters?}" }, scope)).toEqual({
      params: { id: 42 },
      missing: [],
    });
    expect(resolveParams({ tags: "{args.tags?}" }, scope)).toEqual({ params: { tags: ["a"] }, missing: [] });
  });

  it("lists placeholders and the literal text around them", () => {
    expect(templatePlaceholders("/x/{id}/{params.y}")).toEqual(["id", "params.y"]);
    expect(templateText("/x/{id}/{params.y}")).toBe("/x//");
    expect(templateText("/x/{ id }")).toBe("/x/{ id }");
  });
});
