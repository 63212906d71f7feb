// Bogus keys: a bounded negative cache and a limit on failed authentications per client, so a flood
// of invalid keys costs the upstream a bounded number of lookups and the server bounded memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallerResolution } from "../src/callers/caller.js";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { type RunningHttpServer, serveHttp } from "../src/http/serve-http.js";
import { withAuthFailureLimit } from "../src/state/auth-failure-limit.js";
import { createMemoryStateStore } from "../src/state/memory-state-store.js";
import { withNegativeCache } from "../src/state/negative-cache.js";
import type { ResolveCaller } from "../src/state/resolve-caller.js";
import { testDefinitions } from "./support/catalog.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};

async function post(url: string, key: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      ...headers,
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify(INITIALIZE),
  });
  await response.body?.cancel();
  return { status: response.status, retryAfter: response.headers.get("retry-after") };
}

/** A resolver that calls every key invalid and counts how often it was asked. */
function countingResolver(): ResolveCaller & { lookups: number } {
  const resolve = Object.assign(
    async (): Promise<CallerResolution> => {
      resolve.lookups += 1;
      return { ok: false, reason: "invalid", message: "invalid" };
    },
    { lookups: 0 },
  );
  return resolve;
}

describe("invalid keys through HTTP", () => {
  let upstream: Upstream;
  let server: RunningHttpServer;
  const store = createMemoryStateStore({ maxEntriesPerNamespace: 1000 });
  beforeAll(async () => {
    upstream = await startUpstream();
    server = await serveHttp({
      catalog: createCatalog({ definitions: testDefinitions(upstream.url) }),
      port: 0,
      state: store,
      authFailureLimit: { limit: 20, windowMs: 600_000 },
      logger: { warn: () => {}, error: () => {} },
    });
  });
  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  it("asks the upstream at most the failure limit for 300 bogus keys, then answers 429 with Retry-After", async () => {
    // A valid key seen before the flood stays cached and keeps working for this client.
    expect((await post(server.url, "admin")).status).toBe(200);
    const before = upstream.state.introspections;
    const answers = [];
    for (let index = 0; index < 300; index++) answers.push(await post(server.url, `tw_bogus_${index}`));
    expect(upstream.state.introspections - before).toBe(20);
    expect(answers.slice(0, 20).every((answer) => answer.status === 401)).toBe(true);
    const throttled = answers.slice(20);
    expect(throttled.every((answer) => answer.status === 429)).toBe(true);
    expect(Number(throttled[0]?.retryAfter)).toBeGreaterThan(0);
    expect((await post(server.url, "admin")).status).toBe(200);
    // A key not seen before is refused like the bogus ones while this client is over its limit.
    expect((await post(server.url, "reader")).status).toBe(429);
    expect(store.entries()).toBeLessThan(100);
  });
});

describe("failure limit per client behind a load balancer", () => {
  it("counts the address the balancer appended to X-Forwarded-For, not what the client wrote before it", async () => {
    const upstream = await startUpstream();
    const server = await serveHttp({
      catalog: createCatalog({ definitions: testDefinitions(upstream.url) }),
      port: 0,
      authFailureLimit: { limit: 3, windowMs: 600_000 },
      clientAddressHeader: "x-forwarded-for",
      logger: { warn: () => {}, error: () => {} },
    });
    try {
      const from = (chain: string) => ({ "x-forwarded-for": chain });
      const statuses = [];
      for (let index = 0; index < 5; index++) {
        // A client rotating a spoofed first entry is still the balancer-appended 203.0.113.7.
        statuses.push(
          (await post(server.url, `tw_bogus_${index}`, from(`10.9.9.${index}, 203.0.113.7`))).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await post(server.url, "tw_bogus_other", from("198.51.100.4"))).status).toBe(401);
    } finally {
      await server.close();
      await upstream.close();
    }
  });
});

describe("invalid-key cache and failure limit as resolver wrappers", () => {
  it("looks a repeated bogus key up once", async () => {
    const inner = countingResolver();
    const resolve = withNegativeCache(inner, { store: createMemoryStateStore() });
    for (let index = 0; index < 50; index++) {
      expect(await resolve("tw_bogus", { client: "10.0.0.1" })).toMatchObject({ reason: "invalid" });
    }
    expect(inner.lookups).toBe(1);
  });

  it("keeps 5,000 distinct bogus keys within the store's bound", async () => {
    const inner = countingResolver();
    const store = createMemoryStateStore({ maxEntriesPerNamespace: 1000 });
    const resolve = withNegativeCache(inner, { store });
    for (let index = 0; index < 5000; index++) await resolve(`tw_bogus_${index}`);
    expect(inner.lookups).toBe(5000);
    expect(store.entries()).toBe(1000);
  });

  it("with the failure limit, 5,000 bogus keys from one client cost 20 lookups; other clients are unaffected", async () => {
    const inner = countingResolver();
    const store = createMemoryStateStore({ maxEntriesPerNamespace: 1000 });
    const resolve = withAuthFailureLimit(withNegativeCache(inner, { store }), { store, limit: 20 });
    const reasons = new Map<string, number>();
    for (let index = 0; index < 5000; index++) {
      const result = await resolve(`tw_bogus_${index}`, { client: "10.0.0.1" });
      const reason = result.ok ? "ok" : result.reason;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect(inner.lookups).toBe(20);
    expect(Object.fromEntries(reasons)).toEqual({ invalid: 20, throttled: 4980 });
    expect(store.entries()).toBeLessThanOrEqual(21);
    expect(await resolve("tw_other", { client: "10.0.0.2" })).toMatchObject({ reason: "invalid" });
  });
});
