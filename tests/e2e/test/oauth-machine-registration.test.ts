// Machine clients registered dynamically (RFC 7591, client_credentials): they act for no person, so the
// registration must present an API key of the project they will act for; the client is bound to that
// project and to no more than the key's scopes. Without a key, with a bad one, beyond its scopes or
// naming another project, registration is refused with a clear invalid_client_metadata error.
import { DEMO_KEYS } from "@toolwright/demo-api";
import { type OAuthStack, startOAuthStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Item, Page } from "./support/tool-results.js";

let stack: OAuthStack;
let endpoints: { registration_endpoint: string; token_endpoint: string };

beforeAll(async () => {
  stack = await startOAuthStack();
  endpoints = (await (await fetch(`${stack.issuer}/.well-known/oauth-authorization-server`)).json()) as never;
}, 60_000);
afterAll(() => stack?.close());

const machine = {
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "client_secret_basic",
};

function register(body: Record<string, unknown>, key?: string): Promise<Response> {
  return fetch(endpoints.registration_endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function refused(response: Response, pattern: RegExp) {
  const body = (await response.json()) as { error: string; error_description: string };
  expect(response.status, JSON.stringify(body)).toBe(400);
  expect(body.error).toBe("invalid_client_metadata");
  expect(body.error_description).toMatch(pattern);
}

async function token(client: { client_id: string; client_secret: string }, resource: string, scope: string) {
  const response = await fetch(endpoints.token_endpoint, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope, resource }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token ?? "";
}

describe("dynamic registration of client_credentials clients", () => {
  it("is refused without an API key of the project, with a bad key, or beyond the key's scopes", async () => {
    await refused(await register(machine), /Authorization: Bearer <an API key of that project>/);
    const { token_endpoint_auth_method: _basic, ...publicMachine } = machine;
    await refused(await register(publicMachine, DEMO_KEYS.other.key), /must authenticate/);
    await refused(await register(machine, "tw_not_a_key"), /not valid/);
    await refused(
      await register({ ...machine, scope: "cohort:read cohort:write" }, DEMO_KEYS.reader.key),
      /cohort:write exceeds/,
    );
    await refused(await register({ ...machine, project_id: 1 }, DEMO_KEYS.other.key), /not the project/);
  });

  it("never lets a client for people choose a project", async () => {
    const person = {
      redirect_uris: ["http://127.0.0.1:9/callback"],
      application_type: "native",
      token_endpoint_auth_method: "none",
    };
    await refused(await register({ ...person, project_id: 1 }), /client_credentials clients only/);
    expect((await register(person)).status).toBe(201);
  });

  it("binds the client to the key's project: its tokens read that project only, through MCP and the API", async () => {
    const response = await register({ ...machine, client_name: "Nightly report" }, DEMO_KEYS.other.key);
    const client = (await response.json()) as {
      client_id: string;
      client_secret: string;
      project_id: number;
      scope: string;
    };
    expect(response.status, JSON.stringify(client)).toBe(201);
    expect(client.project_id).toBe(2);
    expect(client.scope.split(" ")).toContain("cohort:write");
    const projectOne = (await (
      await fetch(`${stack.api.url}/api/cohorts`, {
        headers: { authorization: `Bearer ${DEMO_KEYS.admin.key}` },
      })
    ).json()) as Page<Item>;
    const projectTwo = (await (
      await fetch(`${stack.api.url}/api/cohorts`, {
        headers: { authorization: `Bearer ${DEMO_KEYS.other.key}` },
      })
    ).json()) as Page<Item>;
    // Straight at the API with a token for it.
    const apiToken = await token(client, stack.api.url, "cohort:read");
    const direct = await fetch(`${stack.api.url}/api/cohorts`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(direct.status).toBe(200);
    const listed = ((await direct.json()) as Page<Item>).results.map((cohort) => cohort.id);
    expect(listed.sort()).toEqual(projectTwo.results.map((cohort) => cohort.id).sort());
    for (const cohort of projectOne.results) expect(listed).not.toContain(cohort.id);
    // Through the MCP server, which exchanges the token for one the API accepts.
    const mcpToken = await token(client, stack.mcpUrl, "cohort:read");
    const call = await fetch(stack.mcpUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        authorization: `Bearer ${mcpToken}`,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "cohorts-list", arguments: {} },
      }),
    });
    expect(call.status).toBe(200);
    const body = (await call.json()) as { result: { isError?: boolean; content: Array<{ text: string }> } };
    expect(body.result.isError, body.result.content[0]?.text).not.toBe(true);
    const viaMcp = (JSON.parse(body.result.content[0]?.text ?? "{}") as Page<Item>).results.map((c) => c.id);
    expect(viaMcp.sort()).toEqual(listed.sort());
  });
});
