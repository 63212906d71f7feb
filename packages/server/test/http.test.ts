import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallerInfo } from "../src/catalog/tool-context.js";
import { jsonOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("HTTP transport", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ maxBodyBytes: 10_000, allowedOrigins: ["https://inspector.example.com"] });
  });
  afterAll(() => harness.close());

  it("challenges a request without a token with 401 and a WWW-Authenticate pointing at RFC 9728 metadata", async () => {
    const response = await post(harness.url, INITIALIZE);
    expect(response.status).toBe(401);
    const origin = new URL(harness.url).origin;
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    const metadata = (await (await fetch(`${origin}/.well-known/oauth-protected-resource`)).json()) as {
      scopes_supported: string[];
    };
    expect(metadata).toMatchObject({ resource: `${origin}/mcp`, bearer_methods_supported: ["header"] });
    expect(metadata.scopes_supported).toContain("hog_flow:write");
  });

  it("answers an invalid key with 401 invalid_token", async () => {
    const response = await post(harness.url, INITIALIZE, { authorization: "Bearer wrong-key" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await response.text()).not.toContain("wrong-key");
  });

  it("rejects a foreign Origin with 403 and accepts an allowlisted one", async () => {
    const bad = await post(harness.url, INITIALIZE, {
      authorization: "Bearer admin",
      origin: "https://evil.example",
    });
    expect(bad.status).toBe(403);
    const good = await post(harness.url, INITIALIZE, {
      authorization: "Bearer admin",
      origin: "https://inspector.example.com",
    });
    expect(good.status).toBe(200);
  });

  it("rejects an oversized body with 413 before reading the key", async () => {
    const before = harness.upstream.state.introspections;
    const big = { ...INITIALIZE, params: { ...INITIALIZE.params, padding: "x".repeat(20_000) } };
    const response = await post(harness.url, big, { authorization: "Bearer admin" });
    expect(response.status).toBe(413);
    expect(harness.upstream.state.introspections).toBe(before);
  });

  it("answers malformed JSON with a JSON-RPC parse error", async () => {
    const response = await post(harness.url, "{oops", { authorization: "Bearer admin" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it("refuses GET and DELETE in stateless mode and serves /healthz", async () => {
    expect((await fetch(harness.url, { headers: { authorization: "Bearer admin" } })).status).toBe(405);
    expect((await fetch(harness.url, { method: "DELETE" })).status).toBe(405);
    const health = await fetch(new URL("/healthz", harness.url));
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  it("caches a key's scopes instead of asking the upstream on every request", async () => {
    const client = await harness.connect("reader");
    const before = harness.upstream.state.introspections;
    await client.listTools();
    await client.listTools();
    expect(harness.upstream.state.introspections).toBe(before);
  });

  it("keeps interleaved callers apart: each sees only its own project's data", async () => {
    const [acme, globex] = await Promise.all([harness.connect("admin"), harness.connect("beta")]);
    const calls = Array.from({ length: 20 }, (_, index) => {
      const client = index % 2 === 0 ? acme : globex;
      return client.callTool({ name: "workflows-list", arguments: {} }).then((result) => ({ index, result }));
    });
    for (const { index, result } of await Promise.all(calls)) {
      const names = (jsonOf(result) as { results: Array<{ name: string }> }).results.map((flow) => flow.name);
      const expected = index % 2 === 0 ? "Acme" : "Globex";
      expect(names.every((name) => name.startsWith(expected))).toBe(true);
    }
    const authorizations = new Set(harness.upstream.calls().map((call) => call.authorization));
    expect(authorizations).toEqual(new Set(["Bearer admin", "Bearer beta"]));
  });
});

describe("instrumentation hook", () => {
  it("is called with every per-request server and the caller (never the key)", async () => {
    const seen: Array<{ caller: CallerInfo; hasServer: boolean }> = [];
    const harness = await startHarness({
      instrument: (server, context) =>
        seen.push({ caller: context.caller, hasServer: typeof server.connect === "function" }),
    });
    try {
      const client = await harness.connect("reader");
      await client.listTools();
      // initialize, notifications/initialized, tools/list: one server instance per POST.
      expect(seen.length).toBe(3);
      expect(
        seen.every(
          (entry) => entry.hasServer && entry.caller.scopes.some((scope) => scope === "workflow:read"),
        ),
      ).toBe(true);
      expect(JSON.stringify(seen)).not.toContain('"reader"');
    } finally {
      await harness.close();
    }
  });
});
