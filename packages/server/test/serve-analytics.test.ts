import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerIdentity } from "../src/callers/caller-identity.js";
import { hashKey } from "../src/callers/key-hash.js";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { serveAnalytics } from "../src/cli/serve-analytics.js";
import { serveHttp } from "../src/index.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp } from "./support/client.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

let upstream: Upstream;
let folder: string;
let runs = 0;

beforeAll(async () => {
  upstream = await startUpstream();
  folder = await mkdtemp(join(tmpdir(), "toolwright-serve-analytics-"));
});

afterAll(async () => {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
});

interface Event {
  event: string;
  distinct_id?: string;
  properties: Record<string, unknown>;
}

/** Serves with serve's analytics, lets each key list tools, and returns the events written. */
async function eventsFor(identity: "caller" | "key-hash" | undefined, keys: string[]): Promise<Event[]> {
  const eventsFile = join(folder, `events-${++runs}.jsonl`);
  const catalog = createCatalog({ definitions: testDefinitions(upstream.url) });
  const analytics = await serveAnalytics(
    { analytics: "jsonl", eventsFile, ...(identity ? { identity } : {}) },
    catalog,
    folder,
  );
  if (!analytics) throw new Error("analytics off");
  const server = await serveHttp({ catalog, port: 0, host: "127.0.0.1", instrument: analytics.instrument });
  try {
    for (const key of keys) {
      const client = await connectHttp(server.url, key);
      await client.listTools();
      await client.close();
    }
  } finally {
    await server.close();
    await analytics.shutdown();
  }
  const text = await readFile(eventsFile, "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Event);
}

function distinctIds(events: Event[]): Set<string | undefined> {
  return new Set(events.map((event) => event.distinct_id ?? (event.properties.distinct_id as string)));
}

describe("serve's analytics identity", () => {
  it("attributes a key caller to the key's id, with its project as group; never the key", async () => {
    const events = await eventsFor(undefined, ["named"]);
    expect(events.length).toBeGreaterThan(0);
    expect(distinctIds(events)).toEqual(new Set(["key:key_42"]));
    const listed = events.find((event) => event.event === "$mcp_tools_list");
    expect(listed?.properties.$groups).toEqual({ project: "1" });
    expect(JSON.stringify(events)).not.toContain(hashKey("named"));
  });

  it("falls back to a hash of the key only when the lookup names no id, or when asked to", async () => {
    expect(distinctIds(await eventsFor(undefined, ["admin"]))).toEqual(new Set([`key:${hashKey("admin")}`]));
    expect(distinctIds(await eventsFor("key-hash", ["named"]))).toEqual(new Set([`key:${hashKey("named")}`]));
  });

  it("identifies an OAuth caller by its token's sub, with its client and project", () => {
    expect(
      callerIdentity({
        id: "alice",
        kind: "oauth",
        clientId: "claude",
        scopes: ["cohort:read"] as never,
        project: { id: 2, name: "Globex" },
      }),
    ).toEqual({
      distinctId: "user:alice",
      properties: {
        scopes: ["cohort:read"],
        project_id: "2",
        project_name: "Globex",
        oauth_client_id: "claude",
      },
      groups: { project: "2" },
    });
    expect(callerIdentity({ id: "anonymous", scopes: [], project: null })).toBeUndefined();
  });
});
