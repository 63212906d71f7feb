// Suite 3 for OAuth callers: with a token per scope subset, listing follows core's hasScopes, a call the
// token's scopes do not cover is a 403 step-up naming exactly the tool's scopes, and nothing reaches the
// upstream or the database for it.
import { hasScopes, readScopes, type Scope } from "@toolwright/core";
import { SCOPE_RESOURCES } from "@toolwright/demo-api";
import { demoCatalog } from "@toolwright/mcp-server/catalog";
import { callTool, connectClient, type OAuthStack, resultText, startOAuthStack } from "@toolwright/testkit";
import type { JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken, newSigningKey } from "./support/access-token.js";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { VALID_ARGUMENTS } from "./support/valid-arguments.js";

const catalog = demoCatalog();
// No flag is on in the test stacks: tools behind an `enable` flag are neither listed nor callable.
const served = catalog.tools.filter((tool) => tool.featureFlag?.behavior !== "enable");
const writeScopes = SCOPE_RESOURCES.map((resource) => `${resource}:write` as Scope);
const SUBSETS: Array<{ label: string; scopes: Scope[] }> = [
  ...SCOPE_RESOURCES.flatMap((resource) => [
    { label: `only ${resource}:read`, scopes: [`${resource}:read` as Scope] },
    { label: `only ${resource}:write`, scopes: [`${resource}:write` as Scope] },
  ]),
  { label: "read-only", scopes: readScopes(SCOPE_RESOURCES) },
  { label: "everything", scopes: writeScopes },
];

describe("scope matrix for OAuth callers", () => {
  let stack: OAuthStack;
  let key: JWK;
  let before: string;

  /** A token as the demo AS issues it (its own signing key), for alice in project 1. */
  function tokenFor(scopes: readonly Scope[]): Promise<string> {
    return mintAccessToken(key, stack, {
      sub: "alice",
      project: 1,
      scopes,
      clientId: "matrix",
      expiresIn: "10m",
    });
  }

  beforeAll(async () => {
    key = await newSigningKey("matrix");
    stack = await startOAuthStack({ auth: { signingKey: key } });
    before = databaseFingerprint(stack.api.dbPath);
  }, 60_000);
  afterAll(() => stack?.close());

  it.each(SUBSETS.map((subset) => [subset.label, subset] as const))(
    "%s: listing follows the token's scopes, other calls step up with 403",
    async (_label, subset) => {
      const token = await tokenFor(subset.scopes);
      const client = await connectClient(stack.mcpUrl, token);
      try {
        const listed = (await client.listTools()).tools.map((tool) => tool.name).sort();
        const allowed = served.filter((tool) => hasScopes(subset.scopes, tool.scopes));
        expect(listed).toEqual(allowed.map((tool) => tool.name).sort());
        for (const tool of allowed) {
          const result = await callTool(client, tool.name, {
            ...VALID_ARGUMENTS[tool.name],
            __scope_probe__: true,
          });
          expect(resultText(result), tool.name).toContain("unknown argument '__scope_probe__'");
        }
      } finally {
        await client.close();
      }
      stack.upstreamRequests.length = 0;
      for (const tool of catalog.tools.filter((candidate) => !hasScopes(subset.scopes, candidate.scopes))) {
        const response = await fetch(stack.mcpUrl, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "tools/call",
            params: { name: tool.name, arguments: VALID_ARGUMENTS[tool.name] ?? {} },
          }),
        });
        expect(response.status, tool.name).toBe(403);
        const challenge = response.headers.get("www-authenticate") ?? "";
        expect(challenge, tool.name).toContain('error="insufficient_scope"');
        expect(/scope="([^"]*)"/.exec(challenge)?.[1], tool.name).toBe(tool.scopes.join(" "));
      }
      expect(stack.upstreamRequests).toEqual([]);
    },
    60_000,
  );

  it("wrote nothing upstream across every refused call", () => {
    expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
  });
});
