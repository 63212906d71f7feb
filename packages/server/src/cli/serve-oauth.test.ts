import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServeConfig } from "./read-serve-config.js";
import { oauthOptionsFrom } from "./serve-oauth.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "toolwright-serve-oauth-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const base = {
  oauthIssuer: "https://auth.example.com/",
  oauthClientId: "mcp",
  oauthClientSecret: "s3cret",
  publicUrl: "https://mcp.example.com",
};

describe("serve's OAuth settings", () => {
  it("maps flags and variables onto the resource-server options", async () => {
    const config = await readServeConfig(
      {
        "oauth-issuer": "https://auth.example.com/",
        "oauth-client-id": "mcp",
        "oauth-validation": "introspection",
        "oauth-project-claim": "org",
        "oauth-tokens-only": true,
        "public-url": "https://mcp.example.com",
      },
      { TOOLWRIGHT_OAUTH_CLIENT_SECRET: "s3cret", TOOLWRIGHT_OAUTH_SCOPE_MAP: '{"read": ["cohort:read"]}' },
      null,
    );
    expect(oauthOptionsFrom(config, "https://api.example.com/", folder)).toEqual({
      issuer: "https://auth.example.com",
      resource: "https://mcp.example.com/mcp",
      validation: { kind: "introspection" },
      client: { id: "mcp", secret: "s3cret" },
      upstreamResource: "https://api.example.com",
      scopeMap: { read: ["cohort:read"] },
      projectClaim: "org",
      acceptApiKeys: false,
      allowInsecureHttp: false,
    });
  });

  it("reads a scope map file, and names the file and the problem when it is bad", async () => {
    await writeFile(join(folder, "scopes.json"), JSON.stringify({ "flows.write": ["hog_flow:write"] }));
    await writeFile(join(folder, "bad.json"), JSON.stringify({ read: "cohort:read" }));
    expect(
      oauthOptionsFrom({ ...base, oauthScopeMap: "scopes.json" }, "https://api.x", folder)?.scopeMap,
    ).toEqual({
      "flows.write": ["hog_flow:write"],
    });
    expect(() => oauthOptionsFrom({ ...base, oauthScopeMap: "bad.json" }, "https://api.x", folder)).toThrow(
      /bad\.json.*list of tool scopes.*at 'read'/,
    );
    expect(() => oauthOptionsFrom({ ...base, oauthScopeMap: "none.json" }, "https://api.x", folder)).toThrow(
      /none\.json.*cannot read/,
    );
    expect(() => oauthOptionsFrom({ ...base, oauthScopeMap: "{nope" }, "https://api.x", folder)).toThrow(
      /inline JSON.*not valid JSON/,
    );
  });

  it("refuses settings that cannot work, saying which is missing", () => {
    expect(() =>
      oauthOptionsFrom({ ...base, oauthClientSecret: undefined }, "https://api.x", folder),
    ).toThrow(/TOOLWRIGHT_OAUTH_CLIENT_SECRET/);
    expect(() => oauthOptionsFrom(base, null, folder)).toThrow(/--oauth-upstream-resource/);
    expect(() =>
      oauthOptionsFrom({ ...base, publicUrl: undefined, port: 0 }, "https://api.x", folder),
    ).toThrow(/--oauth-resource/);
    expect(() => oauthOptionsFrom({ oauthClientId: "mcp" }, "https://api.x", folder)).toThrow(
      /oauthClientId set without --oauth-issuer/,
    );
    expect(oauthOptionsFrom({}, "https://api.x", folder)).toBeUndefined();
  });

  it("allows a plain-http issuer on loopback only, and defaults the resource to the bound address", () => {
    const local = { ...base, oauthIssuer: "http://127.0.0.1:4000", publicUrl: undefined, port: 8080 };
    expect(oauthOptionsFrom(local, "http://127.0.0.1:4000", folder)).toMatchObject({
      resource: "http://127.0.0.1:8080/mcp",
      allowInsecureHttp: true,
      validation: { kind: "jwt" },
    });
    expect(
      oauthOptionsFrom({ ...base, oauthIssuer: "http://auth.example.com" }, "https://a.x", folder),
    ).toMatchObject({
      allowInsecureHttp: false,
    });
  });

  it("rejects an unknown validation mode, naming the flag", async () => {
    await expect(readServeConfig({ "oauth-validation": "opaque" }, {}, null)).rejects.toThrow(
      /--oauth-validation/,
    );
  });
});
