import { describe, expect, it } from "vitest";
import { DEFAULT_SANITIZE_LIMITS, sanitize } from "./sanitize.js";
import { REDACTED } from "./secret-patterns.js";

const options = { ...DEFAULT_SANITIZE_LIMITS, secrets: [] };

describe("sanitize", () => {
  it("treats *_token keys such as confirmation_token as sensitive", () => {
    const value = { confirmation_token: "opaque", refresh_token: "r", tokens: "t", id: 3 };
    expect(sanitize(value, { ...DEFAULT_SANITIZE_LIMITS, secrets: [] })).toEqual({
      confirmation_token: REDACTED,
      refresh_token: REDACTED,
      tokens: REDACTED,
      id: 3,
    });
  });

  it("redacts values under sensitive keys at any depth but keeps numbers and booleans", () => {
    const value = {
      headers: { Authorization: "x", "X-Api-Key": "y", Cookie: "z", accept: "json" },
      nested: [{ client_secret: "s", password: { old: "a" }, max_tokens: 100, has_token: true }],
    };
    expect(sanitize(value, options)).toEqual({
      headers: { Authorization: REDACTED, "X-Api-Key": REDACTED, Cookie: REDACTED, accept: "json" },
      nested: [{ client_secret: REDACTED, password: REDACTED, max_tokens: 100, has_token: true }],
    });
  });

  it("replaces binary buffers and MCP image/audio data and resource blobs", () => {
    const value = {
      buffer: Buffer.from("hello"),
      content: [
        { type: "image", data: "AAAA", mimeType: "image/png" },
        { type: "resource", resource: { uri: "file:///a", blob: "BBBB" } },
      ],
    };
    expect(sanitize(value, options)).toEqual({
      buffer: "[binary 5 bytes]",
      content: [
        { type: "image", data: "[binary 4 chars base64]", mimeType: "image/png" },
        { type: "resource", resource: { uri: "file:///a", blob: "[binary 4 chars base64]" } },
      ],
    });
  });

  it("bounds strings, depth and breadth with markers, and survives cycles", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const deep = { a: { b: { c: { d: "too deep" } } } };
    const wide = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`k${index}`, index]));
    const limits = { maxStringLength: 10, maxDepth: 3, maxBreadth: 3, secrets: [] };
    expect(sanitize("x".repeat(25), limits)).toBe("xxxxxxxxxx…[truncated 15 chars]");
    expect(sanitize(deep, limits)).toEqual({ a: { b: { c: "[truncated: too deep]" } } });
    expect(sanitize(wide, limits)).toEqual({ k0: 0, k1: 1, k2: 2, "[truncated]": "2 more keys" });
    expect(sanitize([1, 2, 3, 4], limits)).toEqual([1, 2, 3, "[truncated: 1 more items]"]);
    expect(sanitize(cyclic, options)).toEqual({ name: "loop", self: "[circular]" });
  });

  it("turns errors, dates, bigints and non-finite numbers into JSON", () => {
    const error = Object.assign(new Error("failed with Bearer abcdef123456"), { code: "E_FAIL" });
    expect(sanitize({ error, at: new Date(0), big: 10n, nan: Number.NaN, fn: () => 1 }, options)).toEqual({
      error: { name: "Error", message: `failed with Bearer ${REDACTED}`, code: "E_FAIL" },
      at: "1970-01-01T00:00:00.000Z",
      big: "10",
      nan: "NaN",
    });
  });
});
