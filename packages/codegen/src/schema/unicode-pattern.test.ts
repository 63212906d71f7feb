import { describe, expect, it } from "vitest";
import { unicodePattern } from "./unicode-pattern.js";

describe("unicodePattern", () => {
  it("keeps a pattern that is already valid under the u flag", () => {
    expect(unicodePattern("^[a-z]{2,3}\\d+$")).toBe("^[a-z]{2,3}\\d+$");
  });

  it("drops identity escapes of ordinary characters, keeping the meaning", () => {
    const translated = unicodePattern("^[\\-\\.\\_0-9A-Za-z]+$");
    expect(translated).toBe("^[\\-\\.\\_0-9A-Za-z]+$".replace("\\_", "_"));
    const regex = new RegExp(translated as string, "u");
    expect(regex.test("a-b.c_9")).toBe(true);
    expect(regex.test("a b")).toBe(false);
  });

  it("escapes braces and brackets that are not syntax", () => {
    const translated = unicodePattern("^\\{?[a-z]+}$") as string;
    expect(new RegExp(translated, "u").test("{abc}")).toBe(true);
    expect(unicodePattern("a]b")).toBe("a\\]b");
  });

  it("returns null for what it cannot translate", () => {
    expect(unicodePattern("(?i)^abc$")).toBeNull();
    expect(unicodePattern("^abc\\Z")).toBeNull();
  });
});
