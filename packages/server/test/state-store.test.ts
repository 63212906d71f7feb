// One contract, two stores: the in-memory default and Redis (a real redis-server on 127.0.0.1).

import { type RedisServer, startRedisServer } from "@toolwright/test-services/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStateStore } from "../src/state/memory-state-store.js";
import { createRedisStateStore } from "../src/state/redis-state-store.js";
import type { StateStore } from "../src/state/state-store.js";

let redis: RedisServer;
let redisStore: ReturnType<typeof createRedisStateStore>;
beforeAll(async () => {
  redis = await startRedisServer();
  redisStore = createRedisStateStore({ url: redis.url, keyPrefix: "contract:" });
  await redisStore.ready();
}, 30_000);
afterAll(async () => {
  await redisStore?.close();
  await redis?.close();
});

const stores: Array<[string, () => StateStore]> = [
  ["memory", () => createMemoryStateStore()],
  ["redis", () => redisStore],
];

describe.each(stores)("%s state store", (_name, storeOf) => {
  it("sets a claim only once", async () => {
    const store = storeOf();
    const key = `replay:${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => store.setIfAbsent(key, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("stores, reads and deletes values", async () => {
    const store = storeOf();
    const key = `caller:${crypto.randomUUID()}`;
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, '{"id":"x"}', 60_000);
    expect(await store.get(key)).toBe('{"id":"x"}');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
  });

  it("counts a rolling window up to its limit and reports when a slot frees up", async () => {
    const store = storeOf();
    const key = `rate:${crypto.randomUUID()}`;
    const decisions = await Promise.all(Array.from({ length: 8 }, () => store.windowHit(key, 5, 60_000)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    const refused = decisions.find((decision) => !decision.allowed);
    expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(50_000);
    expect(await store.windowCount(key, 60_000)).toBe(5);
  });
});

describe("redis state store without Redis", () => {
  it("rejects with state_unavailable instead of waiting, and never throws from its connection", async () => {
    const store = createRedisStateStore({
      url: "redis://127.0.0.1:9",
      logger: { warn: () => {}, error: () => {} },
    });
    await expect(store.setIfAbsent("replay:x", 1000)).rejects.toMatchObject({ code: "state_unavailable" });
    await expect(store.windowHit("rate:x", 1, 1000)).rejects.toMatchObject({ code: "state_unavailable" });
    await store.close();
  });
});
