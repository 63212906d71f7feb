import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin.js";

describe("Origin allowlist", () => {
  it("allows requests without an Origin and loopback origins by default", () => {
    expect(isAllowedOrigin(undefined, undefined)).toBe(true);
    expect(isAllowedOrigin("http://localhost:6274", undefined)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1", undefined)).toBe(true);
  });

  it("rejects other origins by default, including rebinding-style hosts", () => {
    expect(isAllowedOrigin("http://evil.example", undefined)).toBe(false);
    expect(isAllowedOrigin("http://localhost.evil.example", undefined)).toBe(false);
    expect(isAllowedOrigin("null", undefined)).toBe(false);
  });

  it("uses exact matches when an allowlist is given", () => {
    expect(isAllowedOrigin("https://a.example", ["https://a.example"])).toBe(true);
    expect(isAllowedOrigin("http://localhost:1", ["https://a.example"])).toBe(false);
    expect(isAllowedOrigin("https://any.example", ["*"])).toBe(true);
  });
});
