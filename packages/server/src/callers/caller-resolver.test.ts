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
