import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, connectClient, type DemoStack, resultJson, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack();
});
afterAll(async () => {
  await stack?.close();
});

const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });

/** A raw MCP POST, for what the SDK client cannot show (status codes, headers). */
function post(
  headers: Record<string, string>,
  body: string | ReadableStream<Uint8Array> = LIST_TOOLS,
): Promise<Response> {
  return fetch(stack.mcp.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body,
    // A streamed body has no content-length, so the server must count what it reads.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("authentication", () => {
  it("answers a request without a key with 401 and an RFC 9728 challenge", async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    const base = new URL(stack.mcp.url).origin;
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(`resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`);
    expect(challenge).not.toContain("invalid_token");

    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] as string;
    const metadata = await fetch(metadataUrl);
    expect(metadata.status).toBe(200);
    expect(metadata.headers.get("content-type")).toMatch(/application\/json/);
    const document = (await metadata.json()) as {
      resource: string;
      bearer_methods_supported: string[];
      scopes_supported: string[];
    };
    expect(document.resource).toBe(stack.mcp.url);
    expect(document.bearer_methods_supported).toEqual(["header"]);
    expect(document.scopes_supported).toEqual(expect.arrayContaining(["person:read", "hog_flow:write"]));
  });

  it("refuses the SDK client without a key", async () => {
    await expect(connectClient(stack.mcp.url, null)).rejects.toThrow();
  });

  it("answers an unknown key with 401 invalid_token, without echoing the key", async () => {
    const response = await post(bearer("tw_not_a_real_key"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await response.text()).not.toContain("tw_not_a_real_key");
  });
});

describe("request hygiene", () => {
  it("refuses a foreign browser Origin with 403 and allows a loopback one on the server's own port", async () => {
    const foreign = await post({ ...bearer(stack.keys.admin.key), origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const port = new URL(stack.mcp.url).port;
    const otherPort = await post({ ...bearer(stack.keys.admin.key), origin: "http://localhost:6274" });
    expect(otherPort.status).toBe(403);
    const loopback = await post({ ...bearer(stack.keys.admin.key), origin: `http://localhost:${port}` });
    expect(loopback.status).toBe(200);
  });

  it("refuses a body over 1 MB with 413, with or without content-length", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/list",
      params: { pad: "x".repeat(1_100_000) },
    });
    const declared = await post(bearer(stack.keys.admin.key), big);
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 64_000)
          controller.enqueue(bytes.slice(offset, offset + 64_000));
        controller.close();
      },
    });
    const streamed = await post(bearer(stack.keys.admin.key), stream);
    expect(streamed.status).toBe(413);
  });

  it("answers a body that is not JSON with a JSON-RPC parse error", async () => {
    const response = await post(bearer(stack.keys.admin.key), "{not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it("refuses GET on /mcp with 405 (stateless server)", async () => {
    const response = await fetch(stack.mcp.url, { headers: bearer(stack.keys.admin.key) });
    expect(response.status).toBe(405);
  });

  it("answers /healthz with the number of tools", async () => {
    const response = await fetch(new URL("/healthz", stack.mcp.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", tools: 33 });
  });
});

describe("two callers at once", () => {
  interface Named {
    id: number;
    name: string;
  }
  interface Person {
    distinct_id: string;
    properties: { email: string };
  }

  async function everything(client: Client) {
    const [whoami, persons, cohorts, alerts, workflows] = await Promise.all([
      callTool(client, "whoami"),
      callTool(client, "persons-list", { limit: 500 }),
      callTool(client, "cohorts-list"),
      callTool(client, "alerts-list"),
      callTool(client, "workflows-list"),
    ]);
    return {
      project: resultJson<{ project: Named }>(whoami).project,
      persons: resultJson<{ count: number; results: Person[] }>(persons),
      cohorts: resultJson<{ results: Named[] }>(cohorts).results.map((cohort) => cohort.name),
      alerts: resultJson<{ results: Named[] }>(alerts).results.map((alert) => alert.name),
      workflows: resultJson<{ results: Named[] }>(workflows).results.map((flow) => flow.name),
    };
  }

  it("never sees the other project's data when calls interleave", async () => {
    const admins = await Promise.all([1, 2, 3].map(() => connectClient(stack.mcp.url, stack.keys.admin.key)));
    const others = await Promise.all([1, 2, 3].map(() => connectClient(stack.mcp.url, stack.keys.other.key)));
    try {
      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, round) => [...admins, ...others][round % 6] as Client).flatMap(
          (client) => [
            everything(client),
            everything(client === admins[0] ? (others[0] as Client) : (admins[0] as Client)),
          ],
        ),
      );
      const hedgebox = rounds.filter((round) => round.project.name === "Hedgebox");
      const otherCo = rounds.filter((round) => round.project.name === "Other Co");
      expect(hedgebox.length + otherCo.length).toBe(rounds.length);
      expect(hedgebox.length).toBeGreaterThan(2);
      expect(otherCo.length).toBeGreaterThan(2);
      for (const round of hedgebox) {
        expect(round.persons.count).toBe(240);
        expect(
          round.persons.results.every((person) => person.distinct_id.startsWith(`user-${round.project.id}-`)),
        ).toBe(true);
        expect(round.cohorts).not.toContain("Other beta");
        expect(round.alerts).toEqual(["Signups dropped", "API error spike"]);
        expect(round.workflows).toContain("Enterprise renewal reminder");
      }
      for (const round of otherCo) {
        expect(round.project.id).not.toBe(hedgebox[0]?.project.id);
        expect(round.persons.count).toBe(12);
        expect(
          round.persons.results.every((person) => person.distinct_id.startsWith(`user-${round.project.id}-`)),
        ).toBe(true);
        expect(round.cohorts).toEqual(["Other beta"]);
        expect(round.alerts).toEqual(["Other alert"]);
        expect(round.workflows).not.toContain("Enterprise renewal reminder");
      }
    } finally {
      await Promise.all([...admins, ...others].map((client) => client.close()));
    }
  });

  it("refuses one project's ids to the other project's key", async () => {
    const other = await connectClient(stack.mcp.url, stack.keys.other.key);
    try {
      const result = await callTool(other, "workflows-get", { id: 1 });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).not.toContain("Enterprise renewal reminder");
    } finally {
      await other.close();
    }
  });
});
