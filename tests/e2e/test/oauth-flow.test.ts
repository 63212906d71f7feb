import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type OAuthStack, startOAuthStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  MemoryOAuthClient,
  signInAndConsent,
  startCallbackServer,
  startMetadataHost,
} from "./support/oauth-client.js";
import { type Item, type Page, succeeded } from "./support/tool-results.js";

type Callback = Awaited<ReturnType<typeof startCallbackServer>>;
type MetadataHost = Awaited<ReturnType<typeof startMetadataHost>>;

let stack: OAuthStack;
let metadataHost: MetadataHost;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let callback: Callback;

beforeAll(async () => {
  metadataHost = await startMetadataHost();
  stack = await startOAuthStack({ auth: { loopbackFetch: metadataHost.trustingFetch } });
  browser = await launchBrowser();
  callback = await startCallbackServer();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await callback?.close();
  await stack?.close();
  await metadataHost?.close();
});

/**
 * A client that accumulates scopes on step-up: the 403 names only what the call needs, and the client
 * asks for that plus what it already holds (as the MCP spec advises), so no earlier grant is lost.
 */
function accumulatingFetch(client: MemoryOAuthClient): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const challenge = response.headers.get("www-authenticate") ?? "";
    if (response.status !== 403 || !challenge.includes("insufficient_scope")) return response;
    const needed = /scope="([^"]*)"/.exec(challenge)?.[1]?.split(" ") ?? [];
    const held = client.tokens()?.scope?.split(" ") ?? [];
    const scopes = [...new Set([...held, ...needed])].join(" ");
    // SDK 1.x would first try its refresh token, which cannot widen a grant: start a new authorization.
    client.forgetRefreshToken();
    const headers = new Headers(response.headers);
    headers.set("www-authenticate", challenge.replace(/scope="[^"]*"/, `scope="${scopes}"`));
    return new Response(response.body, { status: response.status, headers });
  };
}

/** Runs the SDK's authorization: it opens the URL (our browser), then the code is exchanged with PKCE. */
async function authorize(
  client: MemoryOAuthClient,
  user: { username: string; password: string },
  attempt: () => Promise<unknown>,
  transport: StreamableHTTPClientTransport,
): Promise<{ consentText: string; redirect: URL }> {
  let flow: Promise<{ consentText: string; redirect: URL }> | undefined;
  client.onAuthorize = (url) => {
    flow = signInAndConsent(browser.context, callback, url, user);
  };
  await expect(attempt()).rejects.toThrow(UnauthorizedError);
  if (!flow) throw new Error("the SDK never asked to open an authorization URL");
  const result = await flow;
  const code = result.redirect.searchParams.get("code");
  expect(code).toBeTruthy();
  await transport.finishAuth(code ?? "");
  return result;
}

function transportFor(client: MemoryOAuthClient): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(stack.mcpUrl), {
    authProvider: client,
    fetch: accumulatingFetch(client),
  });
}

async function connected(client: MemoryOAuthClient): Promise<Client> {
  const mcp = new Client({ name: "oauth-e2e", version: "1.0.0" });
  await mcp.connect(transportFor(client));
  return mcp;
}

describe("OAuth sign-in from an agent's client, in a real browser", () => {
  it("discovers from the 401, registers by client ID metadata document, signs in, consents, lists and calls", async () => {
    const clientId = metadataHost.publish("/clients/e2e.json", (url) => ({
      client_id: url,
      client_name: "CIMD e2e client",
      redirect_uris: [callback.url],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      application_type: "native",
    }));
    const client = new MemoryOAuthClient(callback.url, clientId);
    const first = transportFor(client);
    const firstClient = new Client({ name: "oauth-e2e", version: "1.0.0" });
    const { consentText, redirect } = await authorize(
      client,
      { username: "alice", password: "alice-demo" },
      () => firstClient.connect(first),
      first,
    );
    // RFC 9207: the authorization response names its issuer.
    expect(redirect.searchParams.get("iss")).toBe(stack.issuer);
    expect(consentText).toContain("CIMD e2e client");
    expect(consentText).toContain("See cohorts");
    expect(consentText).not.toContain("Create, change and delete");
    expect(client.clientInformation()?.client_id).toBe(clientId);
    expect(metadataHost.fetches).toContain("/clients/e2e.json");
    const authorizationUrl = client.authorizationUrls[0];
    expect(authorizationUrl?.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl?.searchParams.get("resource")).toBe(stack.mcpUrl);

    const mcp = await connected(client);
    const names = (await mcp.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("cohorts-list");
    expect(names).not.toContain("cohort-create");
    const cohorts = await succeeded<Page<Item>>(mcp, "cohorts-list");
    expect(cohorts.results.length).toBeGreaterThan(0);
    const whoami = await succeeded<{ project: { id: number } }>(mcp, "whoami");
    expect(whoami.project.id).toBe(1);
    await mcp.close();
  }, 120_000);

  it("registers dynamically (RFC 7591), then steps up: 403 insufficient_scope, re-authorize, the call succeeds", async () => {
    const client = new MemoryOAuthClient(callback.url);
    const first = transportFor(client);
    await authorize(
      client,
      { username: "alice", password: "alice-demo" },
      () => new Client({ name: "oauth-e2e", version: "1.0.0" }).connect(first),
      first,
    );
    const registered = client.clientInformation()?.client_id ?? "";
    expect(registered).not.toMatch(/^https:/);
    expect(registered.length).toBeGreaterThan(0);

    const transport = transportFor(client);
    const mcp = new Client({ name: "oauth-e2e", version: "1.0.0" });
    await mcp.connect(transport);
    const before = client.tokens()?.access_token;
    const args = {
      name: "Step-up cohort",
      filters: { properties: [{ type: "person", key: "country", value: "FR" }] },
    };
    const { consentText } = await authorize(
      client,
      { username: "alice", password: "alice-demo" },
      () => mcp.callTool({ name: "cohort-create", arguments: args }),
      transport,
    );
    expect(consentText).toContain("Create, change and delete cohorts");
    expect(client.tokens()?.access_token).not.toBe(before);
    const granted = client.tokens()?.scope?.split(" ") ?? [];
    expect(granted).toEqual(expect.arrayContaining(["cohort:write", "cohort:read", "person:read"]));
    const created = await succeeded<Item>(mcp, "cohort-create", args);
    expect(created.name).toBe("Step-up cohort");
    expect((await mcp.listTools()).tools.map((tool) => tool.name)).toContain("cohort-create");
    await mcp.close();
  }, 120_000);
});
