import { describe, expect, it } from "vitest";
import { canonicalJson, sortKeys } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("gives equal text for equal values whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("keeps array order and drops undefined values", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("keeps an own __proto__ key as data without changing the copy's prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const sorted = sortKeys(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(sorted)).toBe(Object.prototype);
    expect(sorted.polluted).toBeUndefined();
    expect(canonicalJson(input)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});
