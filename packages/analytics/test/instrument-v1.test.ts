import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMemorySink, instrument, McpEventName, UUIDV7_PATTERN } from "../src/index.js";
import { connectV1, eventsNamed, firstText, newMcpServerV1 } from "./helpers.js";

/** The tool arguments inside `$mcp_parameters` (`{ request: { params: { arguments } } }`). */
function argumentsOf(event: { properties: Record<string, unknown> } | undefined): unknown {
  const parameters = event?.properties.$mcp_parameters as
    | { request?: { params?: { arguments?: unknown } } }
    | undefined;
  return parameters?.request?.params?.arguments;
}

describe("instrument() on an SDK 1.x McpServer", () => {
  it("records initialize, tools/list and tools/call for tools registered before and after", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    server.registerTool("before", { inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: "text", text: `before:${text}` }],
    }));
    const handle = instrument(server, { sink });
    server.registerTool("after", { inputSchema: { count: z.number() } }, async ({ count }) => ({
      content: [{ type: "text", text: `after:${count}` }],
    }));
    const client = await connectV1(server);
    const listed = await client.listTools();
    const before = await client.callTool({
      name: "before",
      arguments: { text: "hi", context: "testing the tool" },
    });
    const after = await client.callTool({ name: "after", arguments: { count: 2 } });
    await handle.flush();

    expect(firstText(before)).toBe("before:hi");
    expect(firstText(after)).toBe("after:2");
    expect(listed.tools.map((tool) => tool.name)).toEqual(["before", "after"]);
    expect(listed.tools[0]?.inputSchema.properties).toHaveProperty("context");

    const [initialize] = eventsNamed(sink.events, McpEventName.initialize);
    expect(initialize?.properties).toMatchObject({
      $mcp_client_name: "test-client",
      $mcp_client_version: "9.9.9",
      $mcp_server_name: "test-server",
      $mcp_server_version: "1.2.3",
    });
    expect(initialize?.properties.$mcp_protocol_version).toEqual(expect.any(String));
    const [list] = eventsNamed(sink.events, McpEventName.toolsList);
    expect(list?.properties.$mcp_listed_tool_names).toEqual(["before", "after"]);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls.map((event) => event.properties.$mcp_tool_name)).toEqual(["before", "after"]);
    expect(argumentsOf(calls[0])).toEqual({ text: "hi" });
    expect(calls[0]?.properties).toMatchObject({
      $mcp_is_error: false,
      $mcp_intent: "testing the tool",
      $mcp_intent_source: "context_parameter",
      $mcp_client_name: "test-client",
    });
    expect(calls[0]?.properties.$mcp_duration_ms).toEqual(expect.any(Number));
    expect(calls[0]?.properties.$mcp_response).toMatchObject({
      content: [{ type: "text", text: "before:hi" }],
    });
    for (const event of sink.events) {
      expect(event.uuid).toMatch(UUIDV7_PATTERN);
      expect(event.properties.$session_id).toBe(initialize?.properties.$session_id);
      expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
    }
    await handle.shutdown();
  });

  it("strips the injected context before the tool runs, and leaves a tool's own context alone", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    const seen: Record<string, unknown>[] = [];
    server.registerTool("strict", { inputSchema: z.strictObject({ id: z.string() }) }, async (args) => {
      seen.push(args);
      return { content: [{ type: "text", text: "ok" }] };
    });
    server.registerTool("own", { inputSchema: { context: z.string() } }, async (args) => {
      seen.push(args);
      return { content: [{ type: "text", text: `own:${args.context}` }] };
    });
    const handle = instrument(server, { sink });
    const client = await connectV1(server);
    const tools = await client.listTools();
    const strict = await client.callTool({ name: "strict", arguments: { id: "1", context: "why" } });
    const own = await client.callTool({ name: "own", arguments: { context: "mine" } });
    await handle.flush();

    expect(strict.isError).toBeFalsy();
    expect(firstText(own)).toBe("own:mine");
    expect(seen).toEqual([{ id: "1" }, { context: "mine" }]);
    const ownSchema = tools.tools.find((tool) => tool.name === "own")?.inputSchema.properties?.context;
    expect(ownSchema).toMatchObject({ type: "string" });
    expect(ownSchema).not.toHaveProperty("description");
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls[0]?.properties.$mcp_intent).toBe("why");
    expect(calls[1]?.properties).not.toHaveProperty("$mcp_intent");
    expect(argumentsOf(calls[1])).toEqual({ context: "mine" });
    await handle.shutdown();
  });

  it("records isError results and thrown errors, with an $exception for the latter", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    server.registerTool("fails", {}, async () => ({
      isError: true,
      content: [{ type: "text", text: "Project not found" }],
    }));
    server.registerTool("throws", {}, async () => {
      throw new Error("database exploded");
    });
    const handle = instrument(server, { sink });
    const client = await connectV1(server);
    const failed = await client.callTool({ name: "fails", arguments: {} });
    const thrown = await client.callTool({ name: "throws", arguments: {} });
    await handle.flush();

    expect(failed.isError).toBe(true);
    expect(thrown.isError).toBe(true);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls[0]?.properties).toMatchObject({
      $mcp_is_error: true,
      $mcp_error_message: "Project not found",
    });
    // McpServer turns a thrown error into an isError result before our wrapper sees it.
    expect(calls[1]?.properties).toMatchObject({ $mcp_is_error: true });
    expect(String(calls[1]?.properties.$mcp_error_message)).toContain("database exploded");
    await handle.shutdown();
  });

  it("mints a conversation id, echoes it, strips it, and reuses the one the agent echoes", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    const seen: unknown[] = [];
    server.registerTool("echo", { inputSchema: { text: z.string() } }, async (args) => {
      seen.push(args);
      return { content: [{ type: "text", text: args.text }] };
    });
    const handle = instrument(server, { sink, conversationId: true });
    const client = await connectV1(server);
    const tools = await client.listTools();
    const first = await client.callTool({ name: "echo", arguments: { text: "a" } });
    const echoed = JSON.parse((first.content as { text: string }[])[1]?.text ?? "{}").conversation_id;
    const second = await client.callTool({ name: "echo", arguments: { text: "b", conversation_id: echoed } });
    await handle.flush();

    expect(tools.tools[0]?.inputSchema.properties).toHaveProperty("conversation_id");
    expect(echoed).toMatch(UUIDV7_PATTERN);
    expect((second.content as unknown[]).length).toBe(1);
    expect(seen).toEqual([{ text: "a" }, { text: "b" }]);
    const ids = eventsNamed(sink.events, McpEventName.toolCall).map(
      (event) => event.properties.$mcp_conversation_id,
    );
    expect(ids).toEqual([echoed, echoed]);
    await handle.shutdown();
  });

  it("advertises get_more_tools and records its calls as missing capabilities", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    server.registerTool("real", {}, async () => ({ content: [{ type: "text", text: "ok" }] }));
    const handle = instrument(server, { sink, reportMissing: { toolName: "find_more_tools" } });
    const client = await connectV1(server);
    const tools = await client.listTools();
    const result = await client.callTool({
      name: "find_more_tools",
      arguments: { context: "export a chart as PNG" },
    });
    await handle.flush();

    expect(tools.tools.map((tool) => tool.name)).toEqual(["real", "find_more_tools"]);
    expect(firstText(result)).toContain("recorded");
    const [missing] = eventsNamed(sink.events, McpEventName.missingCapability);
    expect(missing?.properties).toMatchObject({
      $mcp_tool_name: "find_more_tools",
      $mcp_intent: "export a chart as PNG",
      $mcp_intent_source: "missing_capability",
    });
    expect(eventsNamed(sink.events, McpEventName.toolCall)).toHaveLength(0);
    await handle.shutdown();
  });

  it("identifies once per session, adds event properties and catalog info, and honours beforeSend", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    server.registerTool("a", {}, async () => ({ content: [{ type: "text", text: "ok" }] }));
    server.registerTool("b", {}, async () => ({ content: [{ type: "text", text: "ok" }] }));
    let identifyCalls = 0;
    const handle = instrument(server, {
      sink,
      identify: async (request) => {
        identifyCalls++;
        return { distinctId: `user-of-${request.clientName}`, properties: { plan: "pro" } };
      },
      eventProperties: ({ toolName }) => ({ deployment: "test", tool_seen: toolName ?? "none" }),
      toolInfo: (name) => (name === "a" ? { category: "reads", feature: "projects" } : undefined),
      beforeSend: (event) => (event.properties.$mcp_tool_name === "b" ? null : event),
    });
    const client = await connectV1(server);
    await client.callTool({ name: "a", arguments: {} });
    await client.callTool({ name: "b", arguments: {} });
    await client.callTool({ name: "a", arguments: {} });
    await handle.flush();

    expect(identifyCalls).toBe(1);
    const identifies = eventsNamed(sink.events, McpEventName.identify);
    expect(identifies).toHaveLength(1);
    expect(identifies[0]).toMatchObject({
      distinct_id: "user-of-test-client",
      properties: { $set: { plan: "pro" } },
    });
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.distinct_id).toBe("user-of-test-client");
      expect(call.properties).toMatchObject({
        deployment: "test",
        tool_seen: "a",
        $mcp_tool_category: "reads",
        $mcp_tool_feature: "projects",
      });
    }
    expect(handle.stats().filtered).toBe(1);
    await handle.shutdown();
  });

  it("keeps the event of a huge, deeply nested response under 100 KB and valid JSON", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    const rows = Array.from({ length: 3000 }, (_, index) => ({
      id: index,
      name: `row ${index}`,
      blob: "z".repeat(500),
    }));
    let nested: Record<string, unknown> = { leaf: true };
    for (let depth = 0; depth < 40; depth++) nested = { nested };
    server.registerTool("export", {}, async () => ({
      content: [{ type: "text", text: JSON.stringify(rows) }],
      structuredContent: { rows, nested },
    }));
    const handle = instrument(server, { sink });
    const client = await connectV1(server);
    const result = await client.callTool({ name: "export", arguments: {} });
    await handle.flush();
    expect(JSON.stringify(result).length).toBeGreaterThan(1_000_000);
    const [call] = eventsNamed(sink.events, McpEventName.toolCall);
    const serialized = JSON.stringify(call);
    expect(Buffer.byteLength(serialized)).toBeLessThanOrEqual(100_000);
    expect(JSON.parse(serialized).properties.$mcp_tool_name).toBe("export");
    expect(serialized).toContain("truncated");
    await handle.shutdown();
  });

  it("records nothing for unsampled sessions", async () => {
    const sink = createMemorySink();
    const server = newMcpServerV1();
    server.registerTool("a", {}, async () => ({ content: [{ type: "text", text: "ok" }] }));
    const handle = instrument(server, { sink, sampleRate: 0 });
    const client = await connectV1(server);
    const result = await client.callTool({ name: "a", arguments: {} });
    await handle.flush();
    expect(firstText(result)).toBe("ok");
    expect(sink.events).toHaveLength(0);
    expect(handle.stats().filtered).toBeGreaterThanOrEqual(2);
    await handle.shutdown();
  });
});

describe("instrument() on an SDK 1.x low-level Server", () => {
  it("wraps handlers registered after instrumenting, and records thrown errors as $exception", async () => {
    const sink = createMemorySink();
    const server = new Server({ name: "low-level", version: "0.1.0" }, { capabilities: { tools: {} } });
    const handle = instrument(server, { sink, reportMissing: true });
    const received: unknown[] = [];
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [{ name: "add", inputSchema: { type: "object", properties: { a: { type: "number" } } } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      received.push(request.params.arguments);
      if (request.params.name === "boom") throw new Error("handler failed");
      return { content: [{ type: "text", text: "3" }] };
    });
    const client = await connectV1(server);
    const tools = await client.listTools();
    await client.callTool({ name: "add", arguments: { a: 1, context: "adding numbers" } });
    await expect(client.callTool({ name: "boom", arguments: {} })).rejects.toThrow(/handler failed/);
    await client.callTool({ name: "get_more_tools", arguments: { context: "need subtraction" } });
    await handle.flush();

    expect(tools.tools.map((tool) => tool.name)).toEqual(["add", "get_more_tools"]);
    expect(received).toEqual([{ a: 1 }, {}]);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls.map((event) => event.properties.$mcp_tool_name)).toEqual(["add", "boom"]);
    expect(calls[0]?.properties).toMatchObject({
      $mcp_intent: "adding numbers",
      $mcp_server_name: "low-level",
    });
    expect(calls[1]?.properties).toMatchObject({ $mcp_is_error: true, $mcp_error_type: "Error" });
    const [exception] = eventsNamed(sink.events, McpEventName.exception);
    expect(exception?.properties.$exception_list).toEqual([
      {
        type: "Error",
        value: "handler failed",
        mechanism: { type: "generic", handled: true, synthetic: false },
      },
    ]);
    expect(eventsNamed(sink.events, McpEventName.missingCapability)[0]?.properties.$mcp_intent).toBe(
      "need subtraction",
    );
    await handle.shutdown();
  });

  it("refuses to instrument the same server twice and rejects things that are not servers", () => {
    const server = newMcpServerV1();
    const sink = createMemorySink();
    instrument(server, { sink });
    expect(() => instrument(server, { sink })).toThrow(/already instrumented/);
    expect(() => instrument({}, { sink })).toThrow(/needs an MCP server/);
  });
});
