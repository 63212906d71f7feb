// `toolwright serve` as an OAuth resource server from flags and environment variables alone (no code),
// in front of the demo API and its real authorization server: the official SDK client's flow
// discovers it, tokens from the AS are accepted, step-up and API keys behave as in the demo server.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { DEMO_KEYS, OAUTH_SCOPES } from "@toolwright/demo-api";
import { type OAuthStack, startOAuthStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMcp } from "./support/post-mcp.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const bin = `${repo}packages/server/src/cli/bin.ts`;
const catalog = `${repo}apps/mcp-server/src/generated/tool-definitions.json`;

/** A port free right now (the server must know its resource URI, the tokens' audience, before it starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const call = (name: string, args: Record<string, unknown> = {}) => ({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name, arguments: args },
});

let stack: OAuthStack;
let child: ChildProcess;
let mcpUrl: string;
let output = "";

async function machineToken(scope: string): Promise<string> {
  const metadata = (await (await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)).json()) as {
    token_endpoint: string;
  };
  const response = await fetch(metadata.token_endpoint, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("demo-ci:demo-ci-secret").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope, resource: mcpUrl }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token ?? "";
}

beforeAll(async () => {
  stack = await startOAuthStack();
  const auth = stack.api.auth;
  if (!auth) throw new Error("no AS");
  const port = await freePort();
  mcpUrl = `http://127.0.0.1:${port}/mcp`;
  auth.allowResource(mcpUrl);
  child = spawn(
    process.execPath,
    [
      "--conditions=@toolwright/source",
      "--import",
      "tsx",
      bin,
      ...["--catalog", catalog, "--upstream", stack.api.url, "--port", String(port)],
      ...["--oauth-issuer", auth.issuer, "--oauth-client-id", auth.clients.mcpServer.id],
      ...["--oauth-token-type", "at+jwt", "--oauth-api-key-prefix", "tw_"],
    ],
    {
      cwd: repo,
      env: { ...process.env, TOOLWRIGHT_OAUTH_CLIENT_SECRET: auth.clients.mcpServer.secret },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`at ${mcpUrl}`)) resolve();
    });
    child.once("exit", () => reject(new Error(`serve exited early: ${output}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await stack?.close();
});

describe("toolwright serve with --oauth-* settings and the demo authorization server", () => {
  it("challenges with a 401 pointing at metadata that names the issuer and every catalog scope", async () => {
    const response = await postMcp(mcpUrl, undefined, call("cohorts-list"));
    expect(response.status).toBe(401);
    const origin = new URL(mcpUrl).origin;
    expect(response.headers.get("www-authenticate")).toContain(
      `resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    const metadata = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as {
      resource: string;
      authorization_servers: string[];
      scopes_supported: string[];
    };
    expect(metadata.resource).toBe(mcpUrl);
    expect(metadata.authorization_servers).toEqual([stack.issuer]);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["cohort:read", "hog_flow:write"]));
  });

  it("accepts the AS's tokens for this resource, steps up for missing scopes, refuses bad tokens", async () => {
    const token = await machineToken(OAUTH_SCOPES.filter((scope) => scope.endsWith(":read")).join(" "));
    const listed = await postMcp(mcpUrl, token, call("cohorts-list"));
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { result: { isError?: boolean } };
    expect(body.result.isError, JSON.stringify(body)).not.toBe(true);
    const create = await postMcp(mcpUrl, token, call("workflows-create", { name: "x" }));
    expect(create.status).toBe(403);
    expect(create.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const tampered = await postMcp(mcpUrl, `${token.slice(0, -4)}AAAA`, call("cohorts-list"));
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("refuses a token minted for another resource", async () => {
    const other = mcpUrl.replace("/mcp", "/other");
    stack.api.auth?.allowResource(other);
    const metadata = (await (
      await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)
    ).json()) as {
      token_endpoint: string;
    };
    const minted = await fetch(metadata.token_endpoint, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("demo-ci:demo-ci-secret").toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "cohort:read", resource: other }),
    });
    const { access_token: token } = (await minted.json()) as { access_token: string };
    const response = await postMcp(mcpUrl, token, call("cohorts-list"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("keeps accepting the product's API keys beside tokens", async () => {
    const response = await postMcp(mcpUrl, DEMO_KEYS.reader.key, call("cohorts-list"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { isError?: boolean } };
    expect(body.result.isError).not.toBe(true);
  });

  it("says where tokens come from on start, and never prints the client secret", () => {
    expect(output).toContain(`OAuth tokens from ${stack.issuer} for ${mcpUrl}`);
    expect(output).not.toContain(stack.api.auth?.clients.mcpServer.secret);
  });
});
