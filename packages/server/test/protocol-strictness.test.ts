import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";

const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
  "io.modelcontextprotocol/clientCapabilities": {},
};

interface RpcAnswer {
  result?: Record<string, unknown> & { _meta?: Record<string, unknown> };
  error?: { code: number; message: string };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: "Bearer reader",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** A 2026-07-28 request: `_meta` envelope in the body, routing headers beside it. */
function modern(url: string, method: string, params: Record<string, unknown> = {}, headers = {}) {
  const name = typeof params.name === "string" ? { "mcp-name": params.name } : {};
  return post(
    url,
    { jsonrpc: "2.0", id: 7, method, params: { ...params, _meta: ENVELOPE } },
    { "mcp-protocol-version": MODERN, "mcp-method": method, ...name, ...headers },
  );
}

/** A 2025 request after the (stateless) handshake: the version header, no envelope. */
function legacy(url: string, body: unknown, version = "2025-11-25") {
  return post(url, body, { "mcp-protocol-version": version });
}

describe("2026-07-28 on /mcp", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it("answers server/discover with the revisions and the tools capability", async () => {
    const response = await modern(harness.url, "server/discover");
    expect(response.status).toBe(200);
    const answer = (await response.json()) as RpcAnswer;
    expect(answer.result?.supportedVersions).toContain(MODERN);
    expect(answer.result?.capabilities).toMatchObject({ tools: {} });
    expect(answer.result?._meta?.["io.modelcontextprotocol/serverInfo"]).toMatchObject({
      name: "toolwright",
    });
  });

  it("lists tools with cache hints private to the caller", async () => {
    const answer = (await (await modern(harness.url, "tools/list")).json()) as RpcAnswer;
    const tools = answer.result?.tools as Array<{ name: string }>;
    expect(tools.map((tool) => tool.name)).toContain("workflows-get");
    expect(answer.result?.cacheScope).toBe("private");
    expect(answer.result?.ttlMs).toBeGreaterThan(0);
  });

  it("calls a tool and answers with the revision's result shape", async () => {
    const answer = (await (
      await modern(harness.url, "tools/call", { name: "project-whoami", arguments: {} })
    ).json()) as RpcAnswer;
    expect(answer.error).toBeUndefined();
    expect(answer.result?.resultType).toBe("complete");
    expect(answer.result?.isError).toBeFalsy();
  });

  it("refuses a request whose envelope is incomplete", async () => {
    const response = await post(
      harness.url,
      {
        jsonrpc: "2.0",
        id: 7,
        method: "tools/list",
        params: { _meta: { "io.modelcontextprotocol/protocolVersion": MODERN } },
      },
      { "mcp-protocol-version": MODERN, "mcp-method": "tools/list" },
    );
    const answer = (await response.json()) as RpcAnswer;
    expect(answer.error?.code).toBe(-32602);
  });

  it("refuses headers that disagree with the body", async () => {
    const method = await modern(harness.url, "tools/list", {}, { "mcp-method": "tools/call" });
    expect(((await method.json()) as RpcAnswer).error).toBeDefined();
    const name = await modern(
      harness.url,
      "tools/call",
      { name: "project-whoami", arguments: {} },
      { "mcp-name": "workflows-get" },
    );
    expect(((await name.json()) as RpcAnswer).error).toBeDefined();
    const version = await modern(harness.url, "tools/list", {}, { "mcp-protocol-version": "2025-11-25" });
    expect(((await version.json()) as RpcAnswer).error).toBeDefined();
  });

  it("names the served revisions when a request asks for one it does not serve", async () => {
    const response = await post(
      harness.url,
      {
        jsonrpc: "2.0",
        id: 7,
        method: "tools/list",
        params: { _meta: { ...ENVELOPE, "io.modelcontextprotocol/protocolVersion": "2099-01-01" } },
      },
      { "mcp-protocol-version": "2099-01-01", "mcp-method": "tools/list" },
    );
    const answer = (await response.json()) as RpcAnswer;
    expect(answer.error?.message).toMatch(/protocol version/i);
    expect(JSON.stringify(answer.error)).toContain(MODERN);
  });

  it("refuses a cursor it never issued, and non-object arguments, with -32602", async () => {
    const cursor = (await (await modern(harness.url, "tools/list", { cursor: "bogus" })).json()) as RpcAnswer;
    expect(cursor.error?.code).toBe(-32602);
    const args = (await (
      await modern(harness.url, "tools/call", { name: "project-whoami", arguments: "x" })
    ).json()) as RpcAnswer;
    expect(args.error?.code).toBe(-32602);
  });
});

describe("2025 revisions on /mcp", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it("refuses a cursor it never issued with -32602", async () => {
    const answer = (await (
      await legacy(harness.url, { jsonrpc: "2.0", id: 2, method: "tools/list", params: { cursor: "bogus" } })
    ).json()) as RpcAnswer;
    expect(answer.error?.code).toBe(-32602);
    expect(answer.error?.message).toContain("cursor");
  });

  it("refuses non-object arguments with -32602 instead of running the tool", async () => {
    for (const args of ["x", 3, ["a"]]) {
      const answer = (await (
        await legacy(harness.url, {
          jsonrpc: "2.0",
          id: 3,
          method: "tools/call",
          params: { name: "project-whoami", arguments: args },
        })
      ).json()) as RpcAnswer;
      expect(answer.error?.code, JSON.stringify(args)).toBe(-32602);
    }
    expect(harness.upstream.calls()).toHaveLength(0);
  });

  it("refuses batches under 2025-06-18 and later, and still answers them under 2025-03-26", async () => {
    const batch = [
      { jsonrpc: "2.0", id: 4, method: "tools/list" },
      { jsonrpc: "2.0", id: 5, method: "tools/list" },
    ];
    for (const version of ["2025-06-18", "2025-11-25"]) {
      const response = await legacy(harness.url, batch, version);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as RpcAnswer;
      expect(answer.error?.code).toBe(-32600);
      expect(answer.error?.message).toContain(version);
    }
    const old = await legacy(harness.url, batch, "2025-03-26");
    expect(old.status).toBe(200);
    const answers = (await old.json()) as RpcAnswer[];
    expect(answers).toHaveLength(2);
    expect(answers.every((answer) => Array.isArray(answer.result?.tools))).toBe(true);
  });

  it("serves the handshake for every 2025 revision and carries no 2026 fields", async () => {
    for (const version of ["2025-03-26", "2025-06-18", "2025-11-25"]) {
      const answer = (await (
        await post(harness.url, {
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
        })
      ).json()) as RpcAnswer;
      expect(answer.result?.protocolVersion).toBe(version);
    }
    const list = (await (
      await legacy(harness.url, { jsonrpc: "2.0", id: 2, method: "tools/list" })
    ).json()) as RpcAnswer;
    expect(list.result?.ttlMs).toBeUndefined();
    expect(list.result?.resultType).toBeUndefined();
  });
});
