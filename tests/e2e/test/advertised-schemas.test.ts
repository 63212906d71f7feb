import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { CONFIRMATION_TOKEN_ARGUMENT } from "@toolwright/core";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import {
  generatedDemoTools,
  generatedToolSchema,
  servedByDefault,
} from "@toolwright/testkit/demo-catalog-files.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const catalog = generatedDemoTools();
const confirmTools = new Set(
  catalog.filter((tool) => tool.guards.some((guard) => guard.type === "confirm")).map((tool) => tool.name),
);

let plain: DemoStack;
let analytics: DemoStack;
/** An analytics stack on which nobody lists tools: like a restarted server or another replica. */
let fresh: DemoStack;

beforeAll(async () => {
  [plain, analytics, fresh] = await Promise.all([
    startDemoStack(),
    startDemoStack({ analytics: true }),
    startDemoStack({ analytics: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), analytics?.close(), fresh?.close()]);
});

async function advertised(stack: DemoStack): Promise<Map<string, Tool>> {
  const client = await connectClient(stack.mcp.url, stack.keys.admin.key);
  try {
    return new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
  } finally {
    await client.close();
  }
}

/** The schema without one optional property, checking it was there, optional and a string. */
function withoutOptionalString(schema: Schema, property: string): Schema {
  const { [property]: removed, ...rest } = schema.properties ?? {};
  expect(removed, `'${property}' should be advertised`).toMatchObject({ type: "string" });
  expect(schema.required ?? []).not.toContain(property);
  return { ...schema, properties: rest };
}

describe("advertised input schemas", () => {
  it("has one codegen snapshot per catalog tool", () => {
    const directory = fileURLToPath(
      new URL("../../../apps/mcp-server/src/generated/tool-schemas/", import.meta.url),
    );
    const files = readdirSync(directory).map((file) => file.replace(/\.json$/, ""));
    expect(files.sort()).toEqual(catalog.map((tool) => tool.name).sort());
    expect([...confirmTools].sort()).toEqual(["alert-delete", "cohort-delete", "destination-delete"]);
  });

  it("equals the codegen snapshot for every tool (analytics off)", async () => {
    const tools = await advertised(plain);
    for (const entry of servedByDefault(catalog)) {
      const schema = tools.get(entry.name)?.inputSchema as Schema | undefined;
      expect(schema, entry.name).toEqual(generatedToolSchema(entry.name));
    }
  });

  it("carries the optional `confirmation_token` in the snapshot of every confirm tool", () => {
    for (const name of confirmTools) {
      const snapshot = generatedToolSchema(name) as Schema;
      withoutOptionalString(snapshot, CONFIRMATION_TOKEN_ARGUMENT);
    }
  });

  it("adds exactly the optional `context` and `conversation_id` strings with analytics on", async () => {
    const tools = await advertised(analytics);
    for (const entry of servedByDefault(catalog)) {
      let schema = tools.get(entry.name)?.inputSchema as Schema;
      expect(schema, entry.name).toBeDefined();
      schema = withoutOptionalString(withoutOptionalString(schema, "context"), "conversation_id");
      expect(schema, entry.name).toEqual(generatedToolSchema(entry.name));
    }
  });
});

describe("analytics events", () => {
  it("records initialize, tools/list and tools/call with the tool name, never the raw key", async () => {
    const events = analytics.events;
    expect(events).not.toBeNull();
    events?.clear();
    const client = await connectClient(analytics.mcp.url, analytics.keys.admin.key);
    await client.listTools();
    const result = await callTool(client, "persons-list", {
      limit: 2,
      context: "count the persons for a test",
    });
    expect(result.isError).toBeFalsy();
    const refused = await callTool(client, "workflows-run-batch", { id: 2, acknowledged_affected_count: 1 });
    expect(refused.isError).toBe(true);
    await client.close();

    await vi.waitFor(
      () => {
        const names = events?.events.map((event) => event.event) ?? [];
        expect(names).toContain("$mcp_initialize");
        expect(names).toContain("$mcp_tools_list");
        expect(names.filter((name) => name === "$mcp_tool_call")).toHaveLength(2);
      },
      { timeout: 30_000, interval: 20 },
    );
    const calls = (events?.events ?? []).filter((event) => event.event === "$mcp_tool_call");
    const byTool = new Map(calls.map((event) => [event.properties.$mcp_tool_name, event]));
    expect([...byTool.keys()].sort()).toEqual(["persons-list", "workflows-run-batch"]);
    expect(byTool.get("persons-list")?.properties.$mcp_is_error).toBe(false);
    expect(byTool.get("persons-list")?.properties.$mcp_intent).toBe("count the persons for a test");
    expect(byTool.get("workflows-run-batch")?.properties.$mcp_is_error).toBe(true);
    const serialized = JSON.stringify(events?.events);
    expect(serialized).not.toContain(analytics.keys.admin.key);
    expect(serialized.toLowerCase()).not.toContain("bearer");
  });

  it("strips the injected `context` (once listed) before the tool validates its arguments", async () => {
    const client = await connectClient(analytics.mcp.url, analytics.keys.admin.key);
    try {
      await client.listTools();
      const result = await callTool(client, "alert-get", { id: 1, context: "why not" });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});

describe("analytics arguments and secrets", () => {
  // Bug report: the recorder learns which tools it gave a `context` argument from tools/list
  // (packages/analytics/src/recorder/recorder.ts prepareToolCall: ownership unknown → nothing stripped;
  // server-target.ts has no declared-parameters answer for a low-level Server). On a stateless server
  // that never listed tools in this process (a restart, another replica), an agent that passes the
  // advertised `context` gets "unknown argument 'context'".
  it("accepts the advertised `context` on a server that has not listed tools in this process", async () => {
    const client = await connectClient(fresh.mcp.url, fresh.keys.admin.key);
    try {
      const result = await callTool(client, "alert-get", { id: 1, context: "check the signups alert" });
      expect(result.isError, resultText(result)).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  // Bug report: a confirmation token is redacted from recorded arguments (`confirmation_token` matches
  // the secret key words) but recorded in the prepare step's `$mcp_response` text: verbatim when its
  // payload is short (alert-delete), half redacted by the base64 heuristic when longer (destination-delete).
  it("never records a confirmation token, neither as an argument nor in the prepare step's response", async () => {
    const events = analytics.events;
    const client = await connectClient(analytics.mcp.url, analytics.keys.admin.key);
    await client.listTools();
    const prepared = resultText(await callTool(client, "alert-delete", { id: 2 }));
    const token = /confirmation_token="([^"]+)"/.exec(prepared)?.[1] as string;
    expect(token).toBeDefined();
    const done = await callTool(client, "alert-delete", { confirmation_token: token });
    expect(done.isError, resultText(done)).toBeFalsy();
    await client.close();
    await vi.waitFor(
      () => {
        const calls = (events?.events ?? []).filter(
          (event) => event.event === "$mcp_tool_call" && event.properties.$mcp_tool_name === "alert-delete",
        );
        expect(calls).toHaveLength(2);
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(JSON.stringify(events?.events)).not.toContain(token);
  });
});
