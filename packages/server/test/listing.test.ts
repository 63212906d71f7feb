import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlagProvider } from "../src/visibility/flag-provider.js";
import { ALL_TOOLS } from "./support/catalog.js";
import { type Harness, startHarness, toolNames } from "./support/harness.js";

const READ_TOOLS = [
  "diagnostics-big",
  "diagnostics-run",
  "insights-legacy",
  "persons-list",
  "project-whoami",
  "workflows-get",
  "workflows-list",
];

describe("tools/list per caller", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it("shows an admin every tool except flag-gated ones that need a flag, in name order", async () => {
    const names = await toolNames(await harness.connect("admin"));
    expect(names).toEqual(ALL_TOOLS.filter((name) => name !== "insights-beta"));
    expect(names).toEqual([...names].sort());
  });

  it("shows a read-only key only read tools", async () => {
    expect(await toolNames(await harness.connect("reader"))).toEqual(READ_TOOLS);
  });

  it("hides a tool when the key holds only some of its scopes", async () => {
    const names = await toolNames(await harness.connect("flows"));
    expect(names).not.toContain("workflows-run-batch");
    expect(names).toEqual(["workflows-get", "workflows-list"]);
  });

  it("advertises the catalog's JSON Schemas and MCP annotations as they are", async () => {
    const { tools } = await (await harness.connect("admin")).listTools();
    const get = tools.find((tool) => tool.name === "workflows-get");
    expect(get?.inputSchema).toEqual({
      type: "object",
      properties: { id: { type: "integer", minimum: 1 } },
      required: ["id"],
    });
    expect(get?.outputSchema).toEqual({
      type: "object",
      properties: { id: { type: "integer" } },
      required: ["id"],
    });
    expect(get?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    // The title goes once, at the top level (what clients show first); not again in the annotations.
    expect(get?.title).toBe("workflows get");
    expect(get?.annotations).not.toHaveProperty("title");
    const remove = tools.find((tool) => tool.name === "workflows-delete");
    expect(Object.keys(remove?.inputSchema.properties ?? {})).toEqual(["id", "confirmation_token"]);
    expect(remove?.inputSchema.required).toEqual(["id"]);
  });

  it("narrows by ?features=, ?tools= and ?readonly=true", async () => {
    const byFeature = await toolNames(
      await harness.connect("admin", { query: { features: "persons,project" } }),
    );
    expect(byFeature).toEqual(["contacts-import", "files-upload", "persons-list", "project-whoami"]);
    const byName = await toolNames(
      await harness.connect("admin", { query: { tools: "workflows-get,persons-list,nope" } }),
    );
    expect(byName).toEqual(["persons-list", "workflows-get"]);
    const readonly = await toolNames(await harness.connect("admin", { query: { readonly: "true" } }));
    expect(readonly).toEqual(READ_TOOLS);
  });

  it("narrows by x-toolwright-* headers too", async () => {
    const client = await harness.connect("admin", {
      headers: { "x-toolwright-features": "workflows", "x-toolwright-readonly": "true" },
    });
    expect(await toolNames(client)).toEqual(["workflows-get", "workflows-list"]);
    const byName = await harness.connect("admin", { headers: { "x-toolwright-tools": "project-whoami" } });
    expect(await toolNames(byName)).toEqual(["project-whoami"]);
  });

  it("refuses a call to a tool the key cannot see, naming the missing scopes", async () => {
    const client = await harness.connect("flows");
    const result = await client.callTool({ name: "workflows-run-batch", arguments: { id: 1 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("'person:read'");
    expect(harness.upstream.calls().filter((call) => call.path.includes("/run"))).toEqual([]);
  });

  it("refuses a call to a tool filtered out of the session and an unknown tool", async () => {
    const client = await harness.connect("admin", { query: { readonly: "true" } });
    const filtered = await client.callTool({ name: "workflows-create", arguments: { name: "x" } });
    expect(filtered.isError).toBe(true);
    expect(JSON.stringify(filtered.content)).toContain("not available in this session");
    const unknown = await client.callTool({ name: "no-such-tool", arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toContain("Unknown tool 'no-such-tool'");
  });
});

describe("feature flags", () => {
  async function namesWith(flags: FlagProvider): Promise<string[]> {
    const harness = await startHarness({ flags });
    try {
      const names = await toolNames(await harness.connect("admin", { query: { features: "insights" } }));
      return names;
    } finally {
      await harness.close();
    }
  }

  it("shows `enable` tools and hides `disable` tools when flags are on", async () => {
    expect(await namesWith({ isEnabled: async () => true })).toEqual(["insights-beta"]);
  });

  it("hides `enable` tools and shows `disable` tools when flags are off", async () => {
    expect(await namesWith({ isEnabled: async () => false })).toEqual(["insights-legacy"]);
  });

  it("treats a throwing provider as 'cannot evaluate'", async () => {
    const throwing: FlagProvider = {
      isEnabled: async () => {
        throw new Error("flag service down");
      },
    };
    expect(await namesWith(throwing)).toEqual(["insights-legacy"]);
  });

  it("passes the caller (not the key) to the provider", async () => {
    const seen: unknown[] = [];
    await namesWith({
      isEnabled: async (key, caller) => {
        seen.push({ key, caller });
        return caller.project?.name === "Acme";
      },
    });
    expect(JSON.stringify(seen)).not.toContain('"admin"');
    expect(seen).toContainEqual(expect.objectContaining({ key: "beta-insights" }));
  });
});

describe("tools/list answered from the serialised list", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  async function post(body: unknown, version: string): Promise<unknown> {
    const response = await fetch(harness.url, {
      method: "POST",
      headers: {
        authorization: "Bearer admin",
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
        "mcp-protocol-version": version,
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    return response.json();
  }

  it("gives, byte for byte in meaning, what the SDK serialises itself (a batch is not spliced)", async () => {
    const list = { jsonrpc: "2.0", id: "list-1", method: "tools/list", params: {} };
    const spliced = (await post(list, "2025-03-26")) as { id: string; result: { tools: unknown[] } };
    // The SDK answers a batch of one with one message.
    const batch = await post([list], "2025-03-26");
    const unspliced = Array.isArray(batch) ? batch[0] : batch;
    expect(spliced.id).toBe("list-1");
    expect(spliced.result.tools.length).toBeGreaterThan(5);
    expect(spliced).toEqual(unspliced);
    // The second answer comes from the same cached JSON and says the same.
    expect(await post(list, "2025-11-25")).toEqual(spliced);
  });
});
