import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type DemoStack, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack({ analytics: true });
});
afterAll(async () => {
  await stack?.close();
});

describe("analytics on 2026-07-28 traffic", () => {
  it("takes client name, version and protocol version from each request's _meta (there is no initialize)", async () => {
    const events = stack.events;
    events?.clear();
    const client = new Client(
      { name: "modern-agent", version: "7.1.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(stack.mcp.url), {
        requestInit: { headers: { authorization: `Bearer ${stack.keys.reader.key}` } },
      }),
    );
    try {
      await client.listTools();
      const result = await client.callTool({ name: "persons-list", arguments: { limit: 1 } });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    await vi.waitFor(
      () => {
        const names = events?.events.map((event) => event.event) ?? [];
        expect(names).toContain("$mcp_tools_list");
        expect(names).toContain("$mcp_tool_call");
      },
      { timeout: 5000, interval: 20 },
    );
    const recorded = events?.events ?? [];
    expect(recorded.map((event) => event.event)).not.toContain("$mcp_initialize");
    for (const event of recorded.filter((item) => item.event.startsWith("$mcp_"))) {
      expect(event.properties, event.event).toMatchObject({
        $mcp_client_name: "modern-agent",
        $mcp_client_version: "7.1.0",
        $mcp_protocol_version: "2026-07-28",
      });
    }
  });
});
