import { Client } from "@modelcontextprotocol/client";
import { InMemoryTransport, McpServer, Server } from "@modelcontextprotocol/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMemorySink, instrument, McpEventName } from "../src/index.js";
import { eventsNamed, firstText } from "./helpers.js";

async function connectV2(server: { connect(transport: InMemoryTransport): Promise<void> }) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "v2-client", version: "2.0.0" });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

describe("instrument() on an SDK 2.x McpServer", () => {
  it("records tools/list and tools/call for tools registered before and after, and strips context", async () => {
    const sink = createMemorySink();
    const server = new McpServer({ name: "v2-server", version: "2.1.0" });
    const seen: unknown[] = [];
    server.registerTool("before", { inputSchema: z.object({ text: z.string() }) }, async (args) => {
      seen.push(args);
      return { content: [{ type: "text", text: `before:${args.text}` }] };
    });
    const handle = instrument(server, { sink, reportMissing: true });
    server.registerTool("after", { inputSchema: z.strictObject({ n: z.number() }) }, async (args) => {
      seen.push(args);
      return { content: [{ type: "text", text: `after:${args.n}` }] };
    });
    const client = await connectV2(server);
    const tools = await client.listTools();
    const before = await client.callTool({
      name: "before",
      arguments: { text: "x", context: "checking v2" },
    });
    const after = await client.callTool({ name: "after", arguments: { n: 4, context: "strict tool" } });
    const missing = await client.callTool({
      name: "get_more_tools",
      arguments: { context: "need a v2 thing" },
    });
    await handle.flush();

    expect(tools.tools.map((tool) => tool.name)).toEqual(["before", "after", "get_more_tools"]);
    expect(tools.tools[1]?.inputSchema.properties).toHaveProperty("context");
    expect(firstText(before)).toBe("before:x");
    expect(firstText(after)).toBe("after:4");
    expect(firstText(missing)).toContain("recorded");
    expect(seen).toEqual([{ text: "x" }, { n: 4 }]);

    expect(eventsNamed(sink.events, McpEventName.toolsList)[0]?.properties.$mcp_listed_tool_names).toEqual([
      "before",
      "after",
    ]);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls.map((event) => event.properties.$mcp_intent)).toEqual(["checking v2", "strict tool"]);
    expect(calls[0]?.properties).toMatchObject({
      $mcp_tool_name: "before",
      $mcp_is_error: false,
      $mcp_parameters: {
        request: { method: "tools/call", params: { name: "before", arguments: { text: "x" } } },
      },
      $mcp_server_name: "v2-server",
      $mcp_client_name: "v2-client",
    });
    expect(eventsNamed(sink.events, McpEventName.missingCapability)[0]?.properties.$mcp_intent).toBe(
      "need a v2 thing",
    );
    await handle.shutdown();
  });

  it("records isError results as errors", async () => {
    const sink = createMemorySink();
    const server = new McpServer({ name: "v2-server", version: "2.1.0" });
    server.registerTool("fails", {}, async () => ({
      isError: true,
      content: [{ type: "text", text: "nope" }],
    }));
    const handle = instrument(server, { sink });
    const client = await connectV2(server);
    const result = await client.callTool({ name: "fails", arguments: {} });
    await handle.flush();
    expect(result.isError).toBe(true);
    expect(eventsNamed(sink.events, McpEventName.toolCall)[0]?.properties).toMatchObject({
      $mcp_is_error: true,
      $mcp_error_message: "nope",
      $mcp_error_type: "Error",
      $mcp_error_kind: "tool_error",
    });
    await handle.shutdown();
  });
});

describe("instrument() on an SDK 2.x low-level Server", () => {
  it("wraps handlers registered after instrumenting", async () => {
    const sink = createMemorySink();
    const server = new Server({ name: "v2-low", version: "0.0.1" }, { capabilities: { tools: {} } });
    const handle = instrument(server, { sink });
    const received: unknown[] = [];
    server.setRequestHandler("tools/list", async () => ({
      tools: [{ name: "ping", inputSchema: { type: "object" as const, properties: {} } }],
    }));
    server.setRequestHandler("tools/call", async (request) => {
      received.push(request.params.arguments);
      return { content: [{ type: "text" as const, text: "pong" }] };
    });
    const client = await connectV2(server);
    const tools = await client.listTools();
    const result = await client.callTool({ name: "ping", arguments: { context: "health check" } });
    await handle.flush();

    expect(tools.tools[0]?.inputSchema.properties).toHaveProperty("context");
    expect(firstText(result)).toBe("pong");
    expect(received).toEqual([{}]);
    const [call] = eventsNamed(sink.events, McpEventName.toolCall);
    expect(call?.properties).toMatchObject({
      $mcp_tool_name: "ping",
      $mcp_intent: "health check",
      $mcp_server_name: "v2-low",
    });
    await handle.shutdown();
  });

  it("sends $exception for a thrown error and for an isError result", async () => {
    const sink = createMemorySink();
    const server = new Server({ name: "v2-low", version: "0.0.1" }, { capabilities: { tools: {} } });
    const handle = instrument(server, { sink });
    server.setRequestHandler("tools/list", async () => ({
      tools: [{ name: "fails", inputSchema: { type: "object" as const, properties: {} } }],
    }));
    let calls = 0;
    server.setRequestHandler("tools/call", async () => {
      calls++;
      if (calls === 1) throw new Error("handler failed");
      return { isError: true, content: [{ type: "text" as const, text: "Alert 9 was not found." }] };
    });
    const client = await connectV2(server);
    await client.listTools();
    await expect(client.callTool({ name: "fails", arguments: {} })).rejects.toThrow(/handler failed/);
    await client.callTool({ name: "fails", arguments: {} });
    await handle.flush();
    const exceptions = eventsNamed(sink.events, McpEventName.exception);
    expect(
      exceptions.map((event) => (event.properties.$exception_list as { value: string }[])[0]?.value),
    ).toEqual(["handler failed", "Alert 9 was not found."]);
    expect(exceptions.map((event) => event.properties.$exception_level)).toEqual(["error", "error"]);
    await handle.shutdown();
  });
});
