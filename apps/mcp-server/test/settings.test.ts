import { describe, expect, it } from "vitest";
import { readSettings } from "../src/settings.js";

describe("readSettings", () => {
  it("defaults to the embedded demo: 127.0.0.1:3333 in front of 127.0.0.1:4010, events to a JSONL file", () => {
    const settings = readSettings({});
    expect(settings).toMatchObject({
      TOOLWRIGHT_HOST: "127.0.0.1",
      TOOLWRIGHT_PORT: 3333,
      TOOLWRIGHT_UPSTREAM: "http://127.0.0.1:4010",
      TOOLWRIGHT_ANALYTICS: "jsonl",
      TOOLWRIGHT_EVENTS_FILE: ".data/events.jsonl",
    });
    // No secret: the server signs confirmation tokens with a per-process key and warns.
    expect(settings.TOOLWRIGHT_CONFIRM_SECRET).toBeUndefined();
  });

  it("takes the default tool set from TOOLWRIGHT_TOOL_SET (1 unless set), refusing other values", () => {
    expect(readSettings({}).TOOLWRIGHT_TOOL_SET).toBe("1");
    expect(readSettings({ TOOLWRIGHT_TOOL_SET: "2" }).TOOLWRIGHT_TOOL_SET).toBe("2");
    expect(() => readSettings({ TOOLWRIGHT_TOOL_SET: "3" })).toThrow(/TOOLWRIGHT_TOOL_SET must be 1 or 2/);
  });

  it("names the variable and the problem when a value is bad", () => {
    expect(() => readSettings({ TOOLWRIGHT_PORT: "eighty", TOOLWRIGHT_CONFIRM_SECRET: "short" })).toThrow(
      /TOOLWRIGHT_PORT[\s\S]*TOOLWRIGHT_CONFIRM_SECRET: TOOLWRIGHT_CONFIRM_SECRET must be at least 32 characters/,
    );
  });

  it("splits allowed origins and keeps a given confirmation secret", () => {
    const secret = "x".repeat(40);
    const settings = readSettings({
      TOOLWRIGHT_ALLOWED_ORIGINS: "https://a.example, https://b.example",
      TOOLWRIGHT_CONFIRM_SECRET: secret,
    });
    expect(settings.TOOLWRIGHT_ALLOWED_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
    expect(settings).toMatchObject({ TOOLWRIGHT_CONFIRM_SECRET: secret });
  });

  it("takes a Redis URL for shared state and a rate-limit failure mode, and refuses other URLs", () => {
    expect(readSettings({})).toMatchObject({ TOOLWRIGHT_RATE_LIMIT_FAILURE: "closed" });
    expect(readSettings({}).TOOLWRIGHT_REDIS_URL).toBeUndefined();
    const settings = readSettings({
      TOOLWRIGHT_REDIS_URL: "redis://redis:6379/0",
      TOOLWRIGHT_RATE_LIMIT_FAILURE: "open",
    });
    expect(settings).toMatchObject({
      TOOLWRIGHT_REDIS_URL: "redis://redis:6379/0",
      TOOLWRIGHT_RATE_LIMIT_FAILURE: "open",
    });
    expect(() => readSettings({ TOOLWRIGHT_REDIS_URL: "http://redis:6379" })).toThrow(
      /TOOLWRIGHT_REDIS_URL: TOOLWRIGHT_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => readSettings({ TOOLWRIGHT_RATE_LIMIT_FAILURE: "maybe" })).toThrow(
      /TOOLWRIGHT_RATE_LIMIT_FAILURE/,
    );
  });

  it("needs TOOLWRIGHT_PUBLIC_URL when bound beyond loopback, and reads the HTTP limits", () => {
    expect(() => readSettings({ TOOLWRIGHT_HOST: "0.0.0.0" })).toThrow(
      /TOOLWRIGHT_PUBLIC_URL: required when TOOLWRIGHT_HOST \(0\.0\.0\.0\) is not a loopback address/,
    );
    expect(readSettings({ TOOLWRIGHT_HOST: "::1" }).TOOLWRIGHT_HOST).toBe("::1");
    const settings = readSettings({
      TOOLWRIGHT_HOST: "0.0.0.0",
      TOOLWRIGHT_PUBLIC_URL: "https://mcp.example.com",
      TOOLWRIGHT_MAX_RESPONSE_BYTES: "2000000",
      TOOLWRIGHT_MAX_CONNECTIONS_PER_CLIENT: "0",
    });
    expect(settings).toMatchObject({
      TOOLWRIGHT_MAX_RESPONSE_BYTES: 2_000_000,
      TOOLWRIGHT_MAX_CONNECTIONS_PER_CLIENT: 0,
    });
    expect(() => readSettings({ TOOLWRIGHT_HEADERS_TIMEOUT_MS: "-1" })).toThrow(
      /TOOLWRIGHT_HEADERS_TIMEOUT_MS/,
    );
  });
});
