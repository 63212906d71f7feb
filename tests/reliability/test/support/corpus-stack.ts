import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { DEMO_KEYS, OAUTH_SCOPES, type RunningDemoApi } from "@toolwright/demo-api";
import { hashKey } from "@toolwright/server";
import { connectClient, startDemoStack, startOAuthStack } from "@toolwright/testkit";
import { createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import type { JWK } from "jose";
import { mintAccessToken, newSigningKey } from "./access-token.js";

/** How the corpus's MCP callers sign in: the product's API keys, or OAuth access tokens from the demo AS. */
export type CallerKind = "api_key" | "oauth";
export const CALLER_KINDS: readonly CallerKind[] = ["api_key", "oauth"];

/**
 * The demo API and an MCP server in front of it, with MCP callers of one kind. The direct API
 * attempts keep using the product's keys (`keys`), whatever the MCP callers' kind.
 */
export interface CorpusStack {
  kind: CallerKind;
  api: RunningDemoApi;
  mcpUrl: string;
  keys: typeof DEMO_KEYS;
  /** Project 1's admin, or project 2's admin, with every scope. */
  connect(who: "admin" | "other"): Promise<Client>;
  /** Another caller of project 1 with only these scopes. */
  connectColleague(scopes: readonly string[]): Promise<Client>;
  /** The caller id confirmation tokens of `connect("admin")` are bound to. */
  adminCallerId: string;
  close(): Promise<void>;
}

/** The demo AS's users the OAuth callers act as (each belongs to the project the key callers have). */
const SUBJECTS = { admin: { sub: "alice", project: 1 }, other: { sub: "bob", project: 2 } } as const;

let signingKey: Promise<JWK> | undefined;

/** One ES256 key the demo AS signs with, shared by every OAuth stack of a run. */
function sharedSigningKey(): Promise<JWK> {
  signingKey ??= newSigningKey("corpus");
  return signingKey;
}

export async function startCorpusStack(kind: CallerKind): Promise<CorpusStack> {
  if (kind === "api_key") {
    const stack = await startDemoStack();
    return {
      kind,
      api: stack.api,
      mcpUrl: stack.mcp.url,
      keys: stack.keys,
      connect: (who) => connectClient(stack.mcp.url, stack.keys[who].key),
      connectColleague: async (scopes) =>
        connectClient(stack.mcp.url, await createApiKey(stack.api.url, stack.keys.admin.key, [...scopes])),
      adminCallerId: hashKey(stack.keys.admin.key),
      close: () => stack.close(),
    };
  }
  const key = await sharedSigningKey();
  const stack = await startOAuthStack({ auth: { signingKey: key } });
  // Access tokens as the AS issues them (its key, issuer, this server's audience), for chosen users and scopes.
  const token = (sub: string, project: number, scopes: readonly string[]) =>
    mintAccessToken(key, stack, { sub, project, scopes, clientId: "guard-bypass-corpus", expiresIn: "30m" });
  return {
    kind,
    api: stack.api,
    mcpUrl: stack.mcpUrl,
    keys: DEMO_KEYS,
    connect: async (who) =>
      connectClient(stack.mcpUrl, await token(SUBJECTS[who].sub, SUBJECTS[who].project, OAUTH_SCOPES)),
    // riley: a project 1 user of the demo AS.
    connectColleague: async (scopes) => connectClient(stack.mcpUrl, await token("riley", 1, scopes)),
    adminCallerId: SUBJECTS.admin.sub,
    close: () => stack.close(),
  };
}
