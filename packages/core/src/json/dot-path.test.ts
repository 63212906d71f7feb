import { describe, expect, it } from "vitest";
import { DotPathSchema, getPath, matchPath } from "./dot-path.js";

const data = {
  results: [
    { id: 1, tags: ["a"], owner: { email: "a@example.com" } },
    { id: 2, tags: [], owner: null },
  ],
  count: 2,
};

describe("matchPath", () => {
  it("finds values with their concrete paths, expanding * over arrays and objects", () => {
    expect(matchPath(data, "results.*.id")).toEqual([
      { path: "results.0.id", value: 1 },
      { path: "results.1.id", value: 2 },
    ]);
    expect(matchPath({ a: { x: 1, y: 2 } }, "a.*")).toEqual([
      { path: "a.x", value: 1 },
      { path: "a.y", value: 2 },
    ]);
    expect(matchPath(data, "results.*.owner.email")).toEqual([
      { path: "results.0.owner.email", value: "a@example.com" },
    ]);
  });

  it("finds nothing where the path does not exist", () => {
    expect(matchPath(data, "results.*.missing")).toEqual([]);
    expect(matchPath(data, "count.value")).toEqual([]);
    expect(matchPath(null, "a")).toEqual([]);
  });

  it("reports present keys even when their value is undefined or null", () => {
    expect(matchPath({ a: null }, "a")).toEqual([{ path: "a", value: null }]);
  });

  it("never resolves inherited properties such as __proto__, constructor or toString", () => {
    const inherited = Object.create({ secret: "inherited" }) as Record<string, unknown>;
    expect(matchPath(inherited, "secret")).toEqual([]);
    expect(matchPath({}, "__proto__")).toEqual([]);
    expect(matchPath({}, "constructor.prototype")).toEqual([]);
    expect(matchPath({}, "toString")).toEqual([]);
    expect(getPath({ a: {} }, "a.__proto__.polluted")).toBeUndefined();
  });
});

describe("getPath", () => {
  it("returns the first value at a path, or undefined", () => {
    expect(getPath(data, "results.0.owner.email")).toBe("a@example.com");
    expect(getPath(data, "count")).toBe(2);
    expect(getPath(data, "results.5.id")).toBeUndefined();
  });
});

describe("DotPathSchema", () => {
  it.each(["a", "filters.events", "results.*.id", "$ref", "@type", "a-b.c_d"])("accepts %s", (path) => {
    expect(DotPathSchema.safeParse(path).success).toBe(true);
  });

  it.each(["", ".a", "a.", "a..b", "a b", "a.*x"])("rejects %j with a message naming it", (path) => {
    expect(DotPathSchema.safeParse(path).error?.issues[0]?.message).toBe(
      `invalid path '${path}': use dot-separated keys, with '*' for every item`,
    );
  });
});
