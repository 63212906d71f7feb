import { describe, expect, it } from "vitest";
import { REDACTED, redactString } from "./secret-patterns.js";

// The patterns themselves are tested in @toolwright/core; these pin the caching wrapper around them.
describe("redactString", () => {
  it.each([
    ["Authorization: Bearer abc.def-123456", "abc.def-123456"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"],
    ["https://admin:hunter2@db.example.com/x", "hunter2"],
  ])("removes the secret from %j, the same way on a cached second call", (input, secret) => {
    for (const output of [redactString(input), redactString(input)]) {
      expect(output).not.toContain(secret);
      expect(output).toContain(REDACTED);
    }
  });

  it("leaves ordinary text, ids and snake_case names alone", () => {
    const text =
      "list_projects returned sk_product_catalog for user 42 at https://example.com/projects?page=2";
    expect(redactString(text)).toBe(text);
  });

  it("keeps each list of exact secrets' cached results apart", () => {
    const secrets = ["UPSTREAM-KEY-9"];
    expect(redactString("prefixUPSTREAM-KEY-9suffix", secrets)).toBe(`prefix${REDACTED}suffix`);
    expect(redactString("prefixUPSTREAM-KEY-9suffix")).toBe("prefixUPSTREAM-KEY-9suffix");
    expect(redactString("prefixUPSTREAM-KEY-9suffix", secrets)).toBe(`prefix${REDACTED}suffix`);
  });

  it("redacts strings longer than the cached size too", () => {
    const text = `${"a ".repeat(100)}Bearer abc.def-123456`;
    expect(redactString(text)).toBe(`${"a ".repeat(100)}Bearer ${REDACTED}`);
  });
});
