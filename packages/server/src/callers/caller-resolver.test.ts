import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../test/support/upstream.js";
import { createCallerResolver } from "./caller-resolver.js";

describe("caller resolution against a real introspection endpoint", () => {
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.close());

  it("caches scopes per key hash for the TTL, then asks again", async () => {
    const before = upstream.state.introspections;
    const resolve = createCallerResolver({ upstream: upstream.url, cacheTtlMs: 60_000 });
    const first = await resolve("reader");
    expect(first).toMatchObject({
      ok: true,
      caller: { key: "reader", info: { project: { id: 1, name: "Acme" } } },
    });
    expect(first.ok && first.caller.info.scopes).toContain("workflow:read");
    await resolve("reader");
    expect(upstream.state.introspections).toBe(before + 1);
    const uncached = createCallerResolver({ upstream: upstream.url, cacheTtlMs: 0 });
    await uncached("reader");
    await uncached("reader");
    expect(upstream.state.introspections).toBe(before + 3);
  });

  it("identifies callers by a hash, never the key", async () => {
    const result = await createCallerResolver({ upstream: upstream.url })("admin");
    expect(result.ok && result.caller.info.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(result.ok && result.caller.info)).not.toContain("admin");
  });

  it("tells missing, invalid and unreachable apart", async () => {
    const resolve = createCallerResolver({ upstream: upstream.url });
    expect(await resolve(undefined)).toMatchObject({ ok: false, reason: "missing" });
    expect(await resolve("bad")).toMatchObject({ ok: false, reason: "invalid" });
    const wrongPath = createCallerResolver({
      upstream: upstream.url,
      introspectionPath: "/api/nothing-here",
    });
    expect(await wrongPath("admin")).toMatchObject({ ok: false, reason: "unavailable" });
    const down = createCallerResolver({ upstream: "http://127.0.0.1:9" });
    expect(await down("admin")).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("uses static scopes without a key when configured", async () => {
    const resolve = createCallerResolver({ upstream: upstream.url, staticScopes: [] });
    expect(await resolve(undefined)).toMatchObject({
      ok: true,
      caller: { key: undefined, info: { id: "anonymous" } },
    });
  });
});

/** A bare introspection endpoint that records the paths it was asked for. */
async function startIntrospection(): Promise<{ base: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? "");
    if (request.headers.authorization !== "Bearer tw_live_Example123") {
      response.writeHead(401).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ scopes: ["workflow:read"], project: { id: 3 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("caller resolution: endpoint URL and concurrent requests", () => {
  const key = "tw_live_Example123";
  let endpoint: Awaited<ReturnType<typeof startIntrospection>>;
  beforeAll(async () => {
    endpoint = await startIntrospection();
  });
  afterAll(() => endpoint.close());

  it("keeps the upstream's base path, like tool calls do", async () => {
    endpoint.paths.length = 0;
    const resolve = createCallerResolver({ upstream: `${endpoint.base}/base/` });
    expect(await resolve(key)).toMatchObject({ ok: true, caller: { key } });
    const custom = createCallerResolver({ upstream: `${endpoint.base}/base`, introspectionPath: "/me" });
    await custom(key);
    expect(endpoint.paths).toEqual(["/base/api/keys/@current", "/base/me"]);
  });

  it("asks the upstream once for many concurrent requests with the same key", async () => {
    endpoint.paths.length = 0;
    const resolve = createCallerResolver({ upstream: endpoint.base, cacheTtlMs: 0 });
    const results = await Promise.all(Array.from({ length: 8 }, () => resolve(key)));
    expect(endpoint.paths).toHaveLength(1);
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, caller: { key, info: { scopes: ["workflow:read"] } } });
    }
    // Settled flights are not reused: with no cache the next request asks again.
    await resolve(key);
    expect(endpoint.paths).toHaveLength(2);
  });

  it("shares a failing flight but does not keep its failure", async () => {
    endpoint.paths.length = 0;
    const resolve = createCallerResolver({ upstream: endpoint.base, cacheTtlMs: 60_000 });
    const failures = await Promise.all(Array.from({ length: 5 }, () => resolve("tw_live_Revoked999")));
    expect(failures.every((result) => !result.ok && result.reason === "invalid")).toBe(true);
    expect(endpoint.paths).toHaveLength(1);
    expect(await resolve("tw_live_Revoked999")).toMatchObject({ ok: false, reason: "invalid" });
    expect(endpoint.paths).toHaveLength(2);
  });
});
