import { describe, expect, it } from "vitest";
import { applyParamCast } from "./param-cast.js";

describe("applyParamCast", () => {
  it("sends what the API takes for each cast", () => {
    expect(applyParamCast("string-int", 42)).toBe("42");
    expect(applyParamCast("string-number", 1.5)).toBe("1.5");
    expect(applyParamCast("string-boolean", false)).toBe("false");
    expect(applyParamCast("int-string", "-17")).toBe(-17);
    expect(applyParamCast("number-string", "2.25")).toBe(2.25);
    expect(applyParamCast("boolean-string", "true")).toBe(true);
    expect(applyParamCast("json-string", { a: [1] })).toBe('{"a":[1]}');
  });

  it("passes a value of another shape through, for the API to judge", () => {
    expect(applyParamCast("int-string", "forty")).toBe("forty");
    expect(applyParamCast("number-string", " ")).toBe(" ");
    expect(applyParamCast("json-string", "already text")).toBe("already text");
  });
});
