import { createPublicKey, type KeyObject } from "node:crypto";
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { DEMO_KEYS, OAUTH_SCOPES } from "@toolwright/demo-api";
import { type OAuthStack, startOAuthStack } from "@toolwright/testkit";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  MemoryOAuthClient,
  signInAndConsent,
  startCallbackServer,
} from "./support/oauth-client.js";
import { postMcp } from "./support/post-mcp.js";
import { type Item, type Page, rejected, succeeded } from "./support/tool-results.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Callback = Awaited<ReturnType<typeof startCallbackServer>>;

const CALL = {
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "cohorts-list", arguments: {} },
};

async function signingKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: "e2e-key", alg: "ES256", use: "sig" };
}

/** A tools/call of cohorts-list unless another message is given. */
function callMcp(url: string, token: string | undefined, body: unknown = CALL): Promise<Response> {
  return postMcp(url, token, body);
}

async function tokenEndpoint(stack: OAuthStack): Promise<string> {
  const metadata = (await (await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)).json()) as {
    token_endpoint: string;
  };
  return metadata.token_endpoint;
}

/** A real token from the AS: the seeded machine client's client-credentials grant. */
async function machineToken(stack: OAuthStack, resource: string, scope = "cohort:read"): Promise<string> {
  const response = await fetch(await tokenEndpoint(stack), {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("demo-ci:demo-ci-secret").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope, resource }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token ?? "";
}

/** A token signed with the AS's own key, with the claims a test chooses. */
async function signed(key: JWK, claims: Record<string, unknown>, expiresIn: string | number = "5m") {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: key.kid ?? "" })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key, "ES256"));
}

describe("bad tokens: each a 401 invalid_token, nothing sent upstream (JWT validation)", () => {
  let stack: OAuthStack;
  let key: JWK;
  let publicPem: string;
  beforeAll(async () => {
    key = await signingKey();
    stack = await startOAuthStack({ auth: { signingKey: key } });
    const { d: _private, ...publicJwk } = key;
    publicPem = (createPublicKey({ key: publicJwk, format: "jwk" }) as KeyObject)
      .export({ type: "spki", format: "pem" })
      .toString();
  }, 60_000);
  afterAll(() => stack?.close());

  const claims = () => ({ sub: "alice", scope: "cohort:read", project: { id: 1 }, client_id: "e2e" });

  async function expectRefused(token: string, url = stack.mcpUrl) {
    stack.upstreamRequests.length = 0;
    const response = await callMcp(url, token);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(response.headers.get("www-authenticate")).toContain(
      `resource_metadata="${new URL(stack.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(await response.text()).not.toContain(token);
    expect(stack.upstreamRequests).toEqual([]);
  }

  it("accepts a real token from the AS, and calls the upstream with an exchanged one", async () => {
    const token = await machineToken(stack, stack.mcpUrl);
    stack.upstreamRequests.length = 0;
    const response = await callMcp(stack.mcpUrl, token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { isError?: boolean } };
    expect(body.result.isError).toBeFalsy();
    expect(stack.upstreamRequests).toContain("/api/cohorts");
  });

  it("a token signed by the AS's key but with claims that are wrong", async () => {
    const aud = stack.mcpUrl;
    const iss = stack.issuer;
    await expectRefused(await signed(key, { ...claims(), aud, iss }, Math.floor(Date.now() / 1000) - 60));
    await expectRefused(await signed(key, { ...claims(), aud: `${stack.api.url}`, iss }));
    await expectRefused(await signed(key, { ...claims(), aud, iss: "http://127.0.0.1:9/other" }));
    await expectRefused(await signed(key, { ...claims(), iss }));
  });

  it("expired-looking, other-resource, other-key, alg none, HS256 with the public key, tampered", async () => {
    // A real token minted for another resource (the API), not for this MCP server.
    await expectRefused(await machineToken(stack, stack.api.url));
    await expectRefused(
      await signed(await signingKey(), { ...claims(), aud: stack.mcpUrl, iss: stack.issuer }),
    );
    const none = new UnsecuredJWT({ ...claims(), aud: stack.mcpUrl, iss: stack.issuer })
      .setIssuedAt()
      .setExpirationTime("5m")
      .encode();
    await expectRefused(none);
    const hmac = await new SignJWT({ ...claims(), aud: stack.mcpUrl, iss: stack.issuer })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: key.kid ?? "" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(hmac);
    const real = await machineToken(stack, stack.mcpUrl);
    const [header, payload, signature] = real.split(".");
    const widened = {
      ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()),
      scope: "cohort:write",
    };
    await expectRefused(
      `${header}.${Buffer.from(JSON.stringify(widened)).toString("base64url")}.${signature}`,
    );
  });

  it("refuses a token in the query string even when it is valid", async () => {
    const token = await machineToken(stack, stack.mcpUrl);
    stack.upstreamRequests.length = 0;
    const response = await callMcp(`${stack.mcpUrl}?access_token=${token}`, undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(stack.upstreamRequests).toEqual([]);
  });

  it("steps up with 403 insufficient_scope naming only the call's scopes; API keys keep isError", async () => {
    const token = await machineToken(
      stack,
      stack.mcpUrl,
      OAUTH_SCOPES.filter((s) => s.endsWith(":read")).join(" "),
    );
    stack.upstreamRequests.length = 0;
    const create = { ...CALL, params: { name: "workflows-create", arguments: { name: "x" } } };
    const response = await callMcp(stack.mcpUrl, token, create);
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer error="insufficient_scope", scope="hog_flow:write cohort:read", resource_metadata="${new URL(stack.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(stack.upstreamRequests).toEqual([]);
    const byKey = await callMcp(stack.mcpUrl, DEMO_KEYS.reader.key, create);
    expect(byKey.status).toBe(200);
    const body = (await byKey.json()) as { result: { isError?: boolean; content: Array<{ text: string }> } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toContain("hog_flow:write");
  });

  it("steps up the same way in compact mode, seeing through call-tool to the tool it runs", async () => {
    const token = await machineToken(
      stack,
      stack.mcpUrl,
      OAUTH_SCOPES.filter((s) => s.endsWith(":read")).join(" "),
    );
    stack.upstreamRequests.length = 0;
    const wrapped = {
      ...CALL,
      params: { name: "call-tool", arguments: { name: "workflows-create", arguments: { name: "x" } } },
    };
    const compactUrl = `${stack.mcpUrl}?mode=compact`;
    const response = await callMcp(compactUrl, token, wrapped);
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer error="insufficient_scope", scope="hog_flow:write cohort:read", resource_metadata="${new URL(stack.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(stack.upstreamRequests).toEqual([]);
    // A tool the token's scopes allow runs through call-tool as before.
    const read = {
      ...CALL,
      params: { name: "call-tool", arguments: { name: "cohorts-list", arguments: {} } },
    };
    const allowed = await callMcp(compactUrl, token, read);
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { result: { isError?: boolean } };
    expect(body.result.isError).not.toBe(true);
  });

  it("publishes RFC 9728 metadata naming the AS, every catalog scope and header-only bearer tokens", async () => {
    const metadata = (await (
      await fetch(`${new URL(stack.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp`)
    ).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      resource: stack.mcpUrl,
      authorization_servers: [stack.issuer],
      bearer_methods_supported: ["header"],
    });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["cohort:write", "hog_flow:read"]));
  });

  it("tenancy through the API: a project 2 token never reads or changes project 1's objects", async () => {
    const asBob = await signed(key, {
      sub: "bob",
      scope: "cohort:read cohort:write",
      project: { id: 2 },
      aud: stack.api.url,
      iss: stack.issuer,
    });
    const api = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${stack.api.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    const projectOne = (await (await api("/api/cohorts", DEMO_KEYS.admin.key)).json()) as Page<Item>;
    const target = projectOne.results[0];
    expect(target).toBeDefined();
    const bobsList = (await (await api("/api/cohorts", asBob)).json()) as Page<Item>;
    expect(bobsList.results.map((cohort) => cohort.id)).not.toContain(target?.id);
    expect((await api(`/api/cohorts/${target?.id}`, asBob)).status).toBe(404);
    const patch = await api(`/api/cohorts/${target?.id}`, asBob, {
      method: "PATCH",
      body: JSON.stringify({ name: "taken over" }),
    });
    expect(patch.status).toBe(404);
    const after = (await (await api(`/api/cohorts/${target?.id}`, DEMO_KEYS.admin.key)).json()) as Item;
    expect(after.name).toBe(target?.name);
    // A token for the MCP server is not accepted by the API: it was not issued for it.
    expect((await api("/api/cohorts", await machineToken(stack, stack.mcpUrl))).status).toBe(401);
  });

  it("the demo AS requires PKCE S256 and lets only the MCP server exchange MCP-audience tokens", async () => {
    const metadata = (await (
      await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)
    ).json()) as {
      registration_endpoint: string;
      authorization_endpoint: string;
      token_endpoint: string;
    };
    const registered = await fetch(metadata.registration_endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["http://127.0.0.1:9/callback"],
        application_type: "native",
        token_endpoint_auth_method: "none",
      }),
    });
    expect(registered.status).toBe(201);
    const { client_id } = (await registered.json()) as { client_id: string };
    const authorize = async (extra: Record<string, string>) => {
      const url = new URL(metadata.authorization_endpoint);
      const params = {
        response_type: "code",
        client_id,
        redirect_uri: "http://127.0.0.1:9/callback",
        scope: "cohort:read",
        resource: stack.mcpUrl,
        ...extra,
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      const response = await fetch(url, { redirect: "manual" });
      return new URL(response.headers.get("location") ?? "", stack.issuer);
    };
    const withoutPkce = await authorize({});
    expect(withoutPkce.searchParams.get("error")).toBe("invalid_request");
    const plain = await authorize({ code_challenge: "a".repeat(43), code_challenge_method: "plain" });
    expect(plain.searchParams.get("error")).toBe("invalid_request");
    const exchange = (clientId: string, secret: string, subject: string) =>
      fetch(metadata.token_endpoint, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: subject,
          subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
          resource: stack.api.url,
        }),
      });
    const mcpToken = await machineToken(stack, stack.mcpUrl);
    const byMachine = await exchange("demo-ci", "demo-ci-secret", mcpToken);
    expect(byMachine.status).toBe(400);
    expect(((await byMachine.json()) as { error_description: string }).error_description).toBe(
      "requested grant type is not allowed for this client",
    );
    const mcpClient = stack.api.auth?.clients.mcpServer ?? { id: "", secret: "" };
    const apiAudience = await exchange(
      mcpClient.id,
      mcpClient.secret,
      await machineToken(stack, stack.api.url),
    );
    expect(((await apiAudience.json()) as { error: string }).error).toBe("invalid_grant");
    const exchanged = await exchange(mcpClient.id, mcpClient.secret, mcpToken);
    expect(exchanged.status).toBe(200);
  });

  it("with the AS down, a new token gets 503 and nothing upstream; API keys keep working (runs last)", async () => {
    await stack.api.auth?.close();
    const fresh = await signed(key, { ...claims(), aud: stack.mcpUrl, iss: stack.issuer });
    stack.upstreamRequests.length = 0;
    const response = await callMcp(stack.mcpUrl, fresh);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("authorization server could not be reached");
    expect(stack.upstreamRequests).toEqual([]);
    expect((await callMcp(stack.mcpUrl, DEMO_KEYS.reader.key)).status).toBe(200);
  });
});

describe("signed-in users through MCP: tenancy, and revocation in introspection mode", () => {
  let stack: OAuthStack;
  let browser: Browser;
  let callback: Callback;
  beforeAll(async () => {
    stack = await startOAuthStack({ validation: "introspection" });
    browser = await launchBrowser();
    callback = await startCallbackServer();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await callback?.close();
    await stack?.close();
  });

  /** The SDK's own auth(): discovery, dynamic registration, the browser, then the code exchange with PKCE. */
  async function signIn(
    user: { username: string; password: string },
    scope: string,
  ): Promise<MemoryOAuthClient> {
    // Each person signs in in their own browser session.
    await browser.context.clearCookies();
    const client = new MemoryOAuthClient(callback.url);
    let flow: Promise<{ redirect: URL }> | undefined;
    client.onAuthorize = (url) => {
      flow = signInAndConsent(browser.context, callback, url, user);
    };
    expect(await auth(client, { serverUrl: stack.mcpUrl, scope })).toBe("REDIRECT");
    const { redirect } = await (flow ?? Promise.reject(new Error("no authorization URL")));
    const code = redirect.searchParams.get("code") ?? "";
    expect(await auth(client, { serverUrl: stack.mcpUrl, authorizationCode: code })).toBe("AUTHORIZED");
    return client;
  }

  async function mcpFor(client: MemoryOAuthClient): Promise<Client> {
    const mcp = new Client({ name: "oauth-e2e", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: client }));
    return mcp;
  }

  it("a project 2 user never reads or changes project 1's cohorts through MCP", async () => {
    const bob = await mcpFor(
      await signIn({ username: "bob", password: "bob-demo" }, "cohort:read cohort:write"),
    );
    const alice = await mcpFor(await signIn({ username: "alice", password: "alice-demo" }, "cohort:read"));
    expect((await succeeded<{ project: { id: number } }>(bob, "whoami")).project.id).toBe(2);
    const alicesCohorts = (await succeeded<Page<Item>>(alice, "cohorts-list")).results;
    const bobsCohorts = (await succeeded<Page<Item>>(bob, "cohorts-list")).results;
    const target = alicesCohorts[0];
    expect(target).toBeDefined();
    expect(bobsCohorts.map((cohort) => cohort.id)).not.toContain(target?.id);
    expect(await rejected(bob, "cohort-get", { id: target?.id })).toMatch(/not found|404/i);
    await bob.close();
    await alice.close();
  }, 120_000);

  it("rotates refresh tokens: each use returns a new one and the old one stops working", async () => {
    const client = await signIn({ username: "riley", password: "riley-demo" }, "cohort:read");
    const first = client.tokens()?.refresh_token ?? "";
    const metadata = (await (
      await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)
    ).json()) as {
      token_endpoint: string;
    };
    const refresh = (token: string) =>
      fetch(metadata.token_endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: token,
          client_id: client.clientInformation()?.client_id ?? "",
        }),
      });
    const rotated = await refresh(first);
    expect(rotated.status).toBe(200);
    const body = (await rotated.json()) as { refresh_token: string; access_token: string };
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(first);
    expect((await callMcp(stack.mcpUrl, body.access_token)).status).toBe(200);
    const reused = await refresh(first);
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe("invalid_grant");
  }, 120_000);

  it("after the refresh token is revoked, its access token is refused with nothing sent upstream", async () => {
    const client = await signIn({ username: "alice", password: "alice-demo" }, "cohort:read");
    const tokens = client.tokens();
    expect(tokens?.refresh_token).toBeTruthy();
    const access = tokens?.access_token ?? "";
    expect(access.split(".")).toHaveLength(1);
    expect((await callMcp(stack.mcpUrl, access)).status).toBe(200);
    const metadata = (await (
      await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)
    ).json()) as {
      revocation_endpoint: string;
    };
    const revoked = await fetch(metadata.revocation_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        token: tokens?.refresh_token ?? "",
        token_type_hint: "refresh_token",
        client_id: client.clientInformation()?.client_id ?? "",
      }),
    });
    expect(revoked.status).toBe(200);
    stack.upstreamRequests.length = 0;
    const after = await callMcp(stack.mcpUrl, access);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(stack.upstreamRequests).toEqual([]);
  }, 120_000);
});
