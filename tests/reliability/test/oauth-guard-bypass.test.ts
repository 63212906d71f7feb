// Suite 4's whole corpus runs for OAuth callers in guard-bypass.test.ts; these are the cases that only
// exist with tokens: a key holder replaying a token user's confirmation, and one person's second token
// (after a refresh) being the same caller. Each attempt is refused and the database is left as it was.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { DEMO_KEYS, OAUTH_SCOPES } from "@toolwright/demo-api";
import { callTool, connectClient, type OAuthStack, resultText, startOAuthStack } from "@toolwright/testkit";
import type { JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken, newSigningKey } from "./support/access-token.js";
import { databaseFingerprint } from "./support/database-fingerprint.js";

const ENTERPRISE_RENEWAL = 1;

describe("guard bypasses with OAuth callers", () => {
  let stack: OAuthStack;
  let key: JWK;
  let alice: Client;
  let bob: Client;
  let aliceAgain: Client;
  let byKey: Client;

  function tokenFor(sub: string, projectId: number): Promise<string> {
    return mintAccessToken(key, stack, {
      sub,
      project: projectId,
      scopes: OAUTH_SCOPES,
      clientId: "bypass",
      expiresIn: "10m",
    });
  }

  beforeAll(async () => {
    key = await newSigningKey("bypass");
    stack = await startOAuthStack({ auth: { signingKey: key } });
    alice = await connectClient(stack.mcpUrl, await tokenFor("alice", 1));
    // The same person with a second token (e.g. after a refresh): the same caller.
    aliceAgain = await connectClient(stack.mcpUrl, await tokenFor("alice", 1));
    bob = await connectClient(stack.mcpUrl, await tokenFor("bob", 2));
    byKey = await connectClient(stack.mcpUrl, DEMO_KEYS.admin.key);
  }, 60_000);
  afterAll(async () => {
    for (const client of [alice, aliceAgain, bob, byKey]) await client?.close();
    await stack?.close();
  });

  async function refused(client: Client, tool: string, args: Record<string, unknown>, pattern: RegExp) {
    const before = databaseFingerprint(stack.api.dbPath);
    const result = await callTool(client, tool, args);
    expect(result.isError, `${tool}: ${resultText(result)}`).toBe(true);
    expect(resultText(result)).toMatch(pattern);
    expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
  }

  it("a project 2 token cannot read, change or delete project 1's workflow", async () => {
    await refused(bob, "workflows-get", { id: ENTERPRISE_RENEWAL }, /not found|404/i);
    await refused(bob, "workflows-update", { id: ENTERPRISE_RENEWAL, name: "hijacked" }, /not found|404/i);
    await refused(bob, "alert-delete", { id: 2 }, /not found|404/i);
  });

  it("a confirmation token is bound to the token's subject: other users and API keys cannot redeem it", async () => {
    const prepared = await callTool(alice, "alert-delete", { id: 2 });
    expect(prepared.isError ?? false, resultText(prepared)).toBe(false);
    const token = /confirmation_token="([^"]+)"/.exec(resultText(prepared))?.[1] ?? "";
    expect(token).not.toBe("");
    await refused(bob, "alert-delete", { id: 2, confirmation_token: token }, /another caller|not found/i);
    await refused(byKey, "alert-delete", { id: 2, confirmation_token: token }, /another caller/);
    const executed = await callTool(aliceAgain, "alert-delete", { id: 2, confirmation_token: token });
    expect(executed.isError ?? false, resultText(executed)).toBe(false);
    await refused(alice, "alert-delete", { id: 2, confirmation_token: token }, /already used/);
  });
});
