import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin.js";

const SELF = "http://127.0.0.1:3333";

describe("Origin allowlist", () => {
  it("allows requests without an Origin and this server's own origin by default", () => {
    expect(isAllowedOrigin(undefined, undefined, SELF)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1:3333", undefined, SELF)).toBe(true);
    expect(isAllowedOrigin("http://localhost:3333", undefined, SELF)).toBe(true);
    expect(isAllowedOrigin("http://[::1]:3333", undefined, SELF)).toBe(true);
  });

  it("compares the port and scheme: a loopback page on another port is another origin", () => {
    expect(isAllowedOrigin("http://localhost:6274", undefined, SELF)).toBe(false);
    expect(isAllowedOrigin("http://127.0.0.1", undefined, SELF)).toBe(false);
    expect(isAllowedOrigin("https://127.0.0.1:3333", undefined, SELF)).toBe(false);
  });

  it("rejects other origins by default, including rebinding-style hosts", () => {
    expect(isAllowedOrigin("http://evil.example:3333", undefined, SELF)).toBe(false);
    expect(isAllowedOrigin("http://localhost.evil.example:3333", undefined, SELF)).toBe(false);
    expect(isAllowedOrigin("null", undefined, SELF)).toBe(false);
    expect(isAllowedOrigin("http://localhost:3333", undefined, undefined)).toBe(false);
  });

  it("with a public URL, only its origin (a loopback page is not the same site)", () => {
    const self = "https://mcp.example.com";
    expect(isAllowedOrigin("https://mcp.example.com", undefined, self)).toBe(true);
    expect(isAllowedOrigin("https://mcp.example.com:8443", undefined, self)).toBe(false);
    expect(isAllowedOrigin("http://localhost", undefined, self)).toBe(false);
  });

  it("uses exact matches, port included, when an allowlist is given", () => {
    expect(isAllowedOrigin("https://a.example", ["https://a.example"], SELF)).toBe(true);
    expect(isAllowedOrigin("https://a.example:444", ["https://a.example"], SELF)).toBe(false);
    expect(isAllowedOrigin("http://localhost:1", ["https://a.example"], SELF)).toBe(false);
    expect(isAllowedOrigin("https://any.example", ["*"], SELF)).toBe(true);
  });
});
