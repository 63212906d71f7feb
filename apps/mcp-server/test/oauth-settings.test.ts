import { describe, expect, it } from "vitest";
import { oauthOptions } from "../src/oauth-settings.js";
import { readSettings } from "../src/settings.js";

describe("OAuth settings", () => {
  it("stay off without an issuer", () => {
    expect(oauthOptions(readSettings({}))).toBeUndefined();
  });

  it("derive the resource from the public URL and the upstream resource from the upstream", () => {
    const options = oauthOptions(
      readSettings({
        TOOLWRIGHT_OAUTH_ISSUER: "https://auth.example.com/",
        TOOLWRIGHT_PUBLIC_URL: "https://mcp.example.com/",
        TOOLWRIGHT_UPSTREAM: "https://api.example.com/",
        TOOLWRIGHT_OAUTH_VALIDATION: "introspection",
        TOOLWRIGHT_OAUTH_CLIENT_SECRET: "s3cret",
      }),
    );
    expect(options).toMatchObject({
      resource: "https://mcp.example.com/mcp",
      issuer: "https://auth.example.com",
      upstreamResource: "https://api.example.com",
      validation: { kind: "introspection" },
      client: { id: "toolwright-mcp", secret: "s3cret" },
      allowInsecureHttp: false,
    });
  });

  it("allow plain http only for a loopback issuer, and name a bad value", () => {
    const local = oauthOptions(
      readSettings({ TOOLWRIGHT_OAUTH_ISSUER: "http://127.0.0.1:4011", TOOLWRIGHT_PORT: "3999" }),
    );
    expect(local).toMatchObject({ resource: "http://127.0.0.1:3999/mcp", allowInsecureHttp: true });
    expect(() => readSettings({ TOOLWRIGHT_OAUTH_VALIDATION: "magic" })).toThrow(
      /TOOLWRIGHT_OAUTH_VALIDATION/,
    );
  });
});
