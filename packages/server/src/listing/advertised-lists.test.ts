import { parseScopes } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { testDefinitions } from "../../test/support/catalog.js";
import { createCatalog } from "../catalog/create-catalog.js";
import type { CallerInfo } from "../catalog/tool-context.js";
import { fullView } from "../visibility/tool-view.js";
import { visibleTools } from "../visibility/visible-tools.js";
import { type AdvertisedList, createAdvertisedLists } from "./advertised-lists.js";
import { createMemoryListCache } from "./list-cache.js";

const catalog = createCatalog({ definitions: testDefinitions("http://127.0.0.1:9") });

function caller(id: string, scopes: string[], project: Record<string, unknown> | null = null): CallerInfo {
  return { id, scopes: parseScopes(scopes), project };
}

describe("advertised lists", () => {
  it("builds one list per scope set and view, shared by every caller with them", async () => {
    const lists = createAdvertisedLists(catalog, undefined);
    const first = await lists(caller("a", ["workflow:read", "insight:read"]), fullView());
    const second = await lists(caller("b", ["insight:read", "workflow:read"]), fullView());
    expect(second).toBe(first);
    const writer = await lists(caller("c", ["workflow:write"]), fullView());
    expect(writer).not.toBe(first);
    const narrowed = await lists(
      caller("a", ["workflow:read", "insight:read"]),
      fullView({ readonly: true }),
    );
    expect(narrowed).not.toBe(first);
  });

  it("lists exactly what visibleTools selects, advertised", async () => {
    const lists = createAdvertisedLists(catalog, undefined);
    const who = caller("a", ["*"]);
    const expected = (await visibleTools(catalog, who, fullView(), undefined)).map((tool) => tool.name);
    expect((await lists(who, fullView())).map((tool) => tool.name)).toEqual(expected);
  });

  it("keeps callers whose feature flags differ apart, asking the provider once per flag and request", async () => {
    const asked: string[] = [];
    const lists = createAdvertisedLists(catalog, {
      isEnabled: async (key, who) => {
        asked.push(key);
        return who.project?.beta === true;
      },
    });
    const view = fullView({ features: new Set(["insights"]) });
    const beta = await lists(caller("a", ["*"], { beta: true }), view);
    const plain = await lists(caller("b", ["*"], { beta: false }), view);
    expect(beta.map((tool) => tool.name)).toEqual(["insights-beta"]);
    expect(plain.map((tool) => tool.name)).toEqual(["insights-legacy"]);
    expect(asked.filter((key) => key === "beta-insights")).toHaveLength(2);
  });

  it("works over an asynchronous store that keeps the lists as JSON, shared by two runtimes", async () => {
    const store = new Map<string, string>();
    const reads: string[] = [];
    const shared = {
      get: async (key: string) => {
        reads.push(key);
        const text = store.get(key);
        return text === undefined ? undefined : (JSON.parse(text) as AdvertisedList);
      },
      set: async (key: string, value: AdvertisedList) => {
        store.set(key, JSON.stringify(value));
      },
    };
    const who = caller("a", ["workflow:read"]);
    const first = await createAdvertisedLists(catalog, undefined, shared)(who, fullView());
    expect(store.size).toBe(1);
    const second = await createAdvertisedLists(catalog, undefined, shared)(who, fullView());
    expect(second).toEqual(first);
    expect(reads).toHaveLength(2);
    expect(store.size).toBe(1);
  });

  it("evicts the least recently used list beyond its bound", () => {
    const cache = createMemoryListCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });
});
