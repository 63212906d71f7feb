import { describe, expect, it } from "vitest";
import { createListCache } from "./list-cache.js";
import { createMemoryStateStore } from "./memory-state-store.js";
import { type StateStore, stateUnavailable } from "./state-store.js";

describe("list cache slot", () => {
  it("stores JSON values per key for its TTL", async () => {
    let now = 1_000;
    const store = createMemoryStateStore({ now: () => now });
    const cache = createListCache<Array<{ name: string }>>(store, { namespace: "tools", ttlMs: 5_000 });
    expect(await cache.get("caller-a")).toBeUndefined();
    await cache.set("caller-a", [{ name: "whoami" }]);
    expect(await cache.get("caller-a")).toEqual([{ name: "whoami" }]);
    expect(await cache.get("caller-b")).toBeUndefined();
    now += 5_000;
    expect(await cache.get("caller-a")).toBeUndefined();
  });

  it("is a miss, never an error, when the store cannot be reached", async () => {
    const down = stateUnavailable("test");
    const broken = {
      get: async () => Promise.reject(down),
      set: async () => Promise.reject(down),
    } as unknown as StateStore;
    const cache = createListCache<string[]>(broken, { namespace: "tools", ttlMs: 1_000 });
    await expect(cache.set("k", ["a"])).resolves.toBeUndefined();
    await expect(cache.get("k")).resolves.toBeUndefined();
  });
});
