import { describe, expect, it } from "vitest";
import { testDefinitions } from "../../test/support/catalog.js";
import { oauthTokenPredicate } from "../callers/oauth-token-resolver.js";
import { chainResolvers, refuseUnclaimed } from "../callers/resolver-chain.js";
import { audienceIncludes, projectOf, toolScopesOf } from "../callers/token-claims.js";
import { createCatalog } from "../catalog/create-catalog.js";
import { bearerChallenge, protectedResourceMetadataUrl } from "./challenge.js";
import type { OAuthResourceServerOptions } from "./oauth-options.js";
import { stepUpScopes } from "./step-up.js";

const OPTIONS: OAuthResourceServerOptions = {
  resource: "https://mcp.example.com/mcp",
  issuer: "https://auth.example.com",
  client: { id: "mcp", secret: "secret" },
  upstreamResource: "https://api.example.com",
};

describe("challenges and metadata locations", () => {
  it("puts the metadata of a path resource under the well-known prefix (RFC 9728 §3.1)", () => {
    expect(protectedResourceMetadataUrl("https://mcp.example.com/mcp")).toBe(
      "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
    );
    expect(protectedResourceMetadataUrl("https://mcp.example.com/")).toBe(
      "https://mcp.example.com/.well-known/oauth-protected-resource",
    );
  });

  it("quotes every auth-param and escapes quotes and backslashes", () => {
    expect(
      bearerChallenge({
        resourceMetadata: "https://x/m",
        error: "insufficient_scope",
        scopes: ["a:write", "b:read"],
        description: 'say "hi" \\ there',
      }),
    ).toBe(
      'Bearer error="insufficient_scope", error_description="say \\"hi\\" \\\\ there", scope="a:write b:read", resource_metadata="https://x/m"',
    );
  });
});

describe("token claims", () => {
  it("reads scope strings and scp arrays, maps them, and drops what is not a tool scope", () => {
    expect(toolScopesOf({ scope: "cohort:read openid profile" })).toEqual(["cohort:read"]);
    expect(toolScopesOf({ scp: ["cohort:write", 7] })).toEqual(["cohort:write"]);
    expect(
      toolScopesOf({ scope: "read:all cohort:read" }, { "read:all": ["person:read", "cohort:read"] }),
    ).toEqual(["person:read", "cohort:read"]);
    // A mapping key that is an Object prototype name is not a mapping.
    expect(toolScopesOf({ scope: "constructor" })).toEqual([]);
  });

  it("takes the project from a configurable claim in any of its shapes", () => {
    expect(projectOf({ project: { id: 2, name: "Other" } }, "project")).toEqual({ id: 2, name: "Other" });
    expect(projectOf({ "https://acme.com/tenant": "t-9" }, "https://acme.com/tenant")).toEqual({ id: "t-9" });
    expect(projectOf({ project: [1] }, "project")).toBeNull();
    expect(audienceIncludes(["a", "b"], "b")).toBe(true);
    expect(audienceIncludes("a", "b")).toBe(false);
  });
});

describe("which resolver takes a credential", () => {
  it("sends JWS-shaped credentials to JWT validation and keeps prefixed API keys away from the AS", () => {
    const jwt = oauthTokenPredicate({ ...OPTIONS, apiKeyPrefix: "tw_" });
    expect(jwt("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")).toBe(true);
    expect(jwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.")).toBe(true);
    expect(jwt("tw_demo_admin")).toBe(false);
    const introspection = oauthTokenPredicate({
      ...OPTIONS,
      validation: { kind: "introspection" },
      apiKeyPrefix: "tw_",
    });
    expect(introspection("opaque-token-value")).toBe(true);
    expect(introspection("tw_demo_admin")).toBe(false);
  });

  it("chains resolvers: the first that claims decides; OAuth-only servers refuse the rest", async () => {
    const seen: string[] = [];
    const chain = chainResolvers(
      [
        {
          claims: (value) => value.startsWith("t."),
          resolve: (value) => {
            seen.push(`oauth:${value}`);
            return refuseUnclaimed(value);
          },
        },
      ],
      (value) => {
        seen.push(`key:${value}`);
        return refuseUnclaimed(value);
      },
    );
    await chain("t.x");
    await chain("k");
    await chain(undefined);
    expect(seen).toEqual(["oauth:t.x", "key:k", "key:undefined"]);
    expect(await refuseUnclaimed(undefined)).toMatchObject({ ok: false, reason: "missing" });
  });
});

describe("step-up", () => {
  const catalog = createCatalog({ definitions: testDefinitions("http://127.0.0.1:9") });
  const tool = catalog.tools.find((candidate) => candidate.scopes.some((scope) => scope.endsWith(":write")));
  const call = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool?.name, arguments: {} } };
  const caller = (kind: "oauth" | "api_key", scopes: string[]) => ({
    key: undefined,
    info: { id: "u", kind, scopes: scopes as never, project: null },
  });

  it("names only the scopes the called tool needs, for OAuth callers lacking them", () => {
    expect(tool).toBeDefined();
    expect(stepUpScopes(catalog, caller("oauth", []), call)).toEqual(tool?.scopes);
    expect(stepUpScopes(catalog, caller("oauth", [...(tool?.scopes ?? [])]), call)).toBeNull();
  });

  it("leaves API-key callers, other methods and unknown tools to the normal path", () => {
    expect(stepUpScopes(catalog, caller("api_key", []), call)).toBeNull();
    expect(stepUpScopes(catalog, caller("oauth", []), { ...call, method: "tools/list" })).toBeNull();
    expect(stepUpScopes(catalog, caller("oauth", []), { ...call, params: { name: "nope" } })).toBeNull();
  });

  it("sees through compact mode's call-tool to the tool it runs", () => {
    const wrapped = {
      ...call,
      params: { name: "call-tool", arguments: { name: tool?.name, arguments: {} } },
    };
    expect(stepUpScopes(catalog, caller("oauth", []), wrapped, "compact")).toEqual(tool?.scopes);
    expect(stepUpScopes(catalog, caller("oauth", [...(tool?.scopes ?? [])]), wrapped, "compact")).toBeNull();
    expect(stepUpScopes(catalog, caller("api_key", []), wrapped, "compact")).toBeNull();
    // Compact mode's other tools, and call-tool outside compact mode, are not step-up cases.
    const search = { ...call, params: { name: "search-tools", arguments: { query: "x" } } };
    expect(stepUpScopes(catalog, caller("oauth", []), search, "compact")).toBeNull();
    expect(stepUpScopes(catalog, caller("oauth", []), wrapped, "full")).toBeNull();
    // The direct name in compact mode is not a compact tool: it goes to the normal refusal.
    expect(stepUpScopes(catalog, caller("oauth", []), call, "compact")).toBeNull();
  });
});
