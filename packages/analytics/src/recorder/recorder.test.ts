import { describe, expect, it } from "vitest";
import { createMemorySink } from "../sinks/memory-sink.js";
import { createRecorder } from "./recorder.js";

/** The tool arguments inside `$mcp_parameters` (`{ request: { params: { arguments } } }`). */
function argumentsOf(event: { properties: Record<string, unknown> } | undefined): unknown {
  const parameters = event?.properties.$mcp_parameters as
    | { request?: { params?: { arguments?: unknown } } }
    | undefined;
  return parameters?.request?.params?.arguments;
}

describe("createRecorder (manual API for custom dispatchers)", () => {
  it("records initialize, tools/list, tool calls and missing capabilities with session properties", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink, serverInfo: { name: "custom", version: "1.0" } });
    const session = {
      sessionId: "session-1",
      clientName: "cli",
      clientVersion: "0.1",
      protocolVersion: "2025-06-18",
    };
    recorder.recordInitialize({ ...session, durationMs: 1.23456 });
    recorder.recordToolsList({ ...session, toolNames: ["a", "b"] });
    recorder.recordToolCall({
      sessionId: "session-1",
      toolName: "a",
      arguments: { q: 1 },
      result: { content: [] },
      durationMs: 5,
    });
    recorder.recordToolCall({ sessionId: "session-1", toolName: "b", error: new TypeError("bad input") });
    recorder.recordMissingCapability({ sessionId: "session-1", context: "wanted charts" });
    recorder.capture({ event: "deploy_finished", properties: { region: "eu" }, distinctId: "ops" });
    await recorder.flush();

    expect(sink.events.map((event) => event.event)).toEqual([
      "$mcp_initialize",
      "$mcp_tools_list",
      "$mcp_tool_call",
      "$mcp_tool_call",
      "$exception",
      "$mcp_missing_capability",
      "deploy_finished",
    ]);
    for (const event of sink.events.slice(0, 6)) {
      expect(event.properties).toMatchObject({
        $session_id: "session-1",
        $mcp_client_name: "cli",
        $mcp_server_name: "custom",
        $mcp_protocol_version: "2025-06-18",
        $lib: "@toolwright/analytics",
      });
      expect(event.distinct_id).toBe("session-1");
    }
    expect(sink.events[0]?.properties.$mcp_duration_ms).toBe(1);
    expect(sink.events[3]?.properties).toMatchObject({
      $mcp_is_error: true,
      $mcp_error_message: "bad input",
      $mcp_error_type: "TypeError",
      $mcp_error_kind: "exception",
    });
    expect(sink.events[6]).toMatchObject({ distinct_id: "ops", properties: { region: "eu" } });
    await recorder.shutdown();
  });

  it("prepares tool lists and calls: injection, ownership, stripping and the virtual tool", () => {
    const recorder = createRecorder({ sink: createMemorySink(), reportMissing: true, conversationId: true });
    const tools = recorder.prepareToolsList([
      { name: "plain", inputSchema: { type: "object", properties: { id: { type: "string" } } } },
      { name: "own", inputSchema: { type: "object", properties: { context: { type: "number" } } } },
      { name: "composite", inputSchema: { type: "object", anyOf: [] } },
    ]);
    expect(tools.map((tool) => tool.name)).toEqual(["plain", "own", "composite", "get_more_tools"]);
    expect(Object.keys(tools[0]?.inputSchema?.properties ?? {})).toEqual([
      "id",
      "context",
      "conversation_id",
    ]);
    expect(tools[1]?.inputSchema?.properties?.context).toEqual({ type: "number" });
    expect(tools[2]?.inputSchema).toEqual({ type: "object", anyOf: [] });
    expect(recorder.prepareToolsList([{ name: "x" }], { firstPage: false }).map((tool) => tool.name)).toEqual(
      ["x"],
    );

    const plain = recorder.prepareToolCall("plain", { id: "1", context: "why", conversation_id: "made-up" });
    expect(plain).toMatchObject({
      arguments: { id: "1" },
      intent: "why",
      conversationIdMinted: true,
      isMissingCapability: false,
    });
    const own = recorder.prepareToolCall("own", { context: 3 });
    expect(own.arguments).toEqual({ context: 3 });
    expect(own.intent).toBeUndefined();
    // A tool this recorder never listed: the intent is recorded but the argument stays.
    const unknown = recorder.prepareToolCall("elsewhere", { context: "because" });
    expect(unknown).toMatchObject({ arguments: { context: "because" }, intent: "because" });
    expect(recorder.prepareToolCall("get_more_tools", { context: "x" }).isMissingCapability).toBe(true);
  });

  it("rejects invalid options with a message naming the key", () => {
    const sink = createMemorySink();
    expect(() => createRecorder({ sink, sampleRate: 2 })).toThrow(/`sampleRate`/);
    expect(() => createRecorder({ sink, queue: { batchSize: 0 } })).toThrow(/`queue.batchSize`/);
    expect(() => createRecorder({} as never)).toThrow(/need `sink`/);
  });

  it("records a wrapper call as the tool it ran when unwrapTool says so, the wrapper as $mcp_via_tool", async () => {
    const sink = createMemorySink();
    const errors: unknown[] = [];
    const recorder = createRecorder({
      sink,
      onError: (error) => errors.push(error),
      toolInfo: (name) => (name === "alert-get" ? { category: "alerts" } : undefined),
      unwrapTool: (name, args) => {
        if (name === "explode") throw new Error("unwrapper bug");
        const record = args as { name?: string; arguments?: unknown };
        return name === "call-tool" && typeof record.name === "string"
          ? { name: record.name, args: record.arguments }
          : undefined;
      },
    });
    recorder.recordToolCall({
      toolName: "call-tool",
      arguments: { name: "alert-get", arguments: { id: 1 } },
    });
    recorder.recordToolCall({ toolName: "search-tools", arguments: { query: "alert" } });
    recorder.recordToolCall({ toolName: "explode", arguments: {} });
    recorder.recordToolCall({ toolName: "call-tool", arguments: { name: "boom" }, error: new Error("x") });
    await recorder.flush();

    const [unwrapped, search, exploded, failed, exception] = sink.events;
    expect(unwrapped?.properties).toMatchObject({
      $mcp_tool_name: "alert-get",
      $mcp_via_tool: "call-tool",
      $mcp_tool_category: "alerts",
    });
    expect(argumentsOf(unwrapped)).toEqual({ id: 1 });
    expect(search?.properties.$mcp_tool_name).toBe("search-tools");
    expect(search?.properties).not.toHaveProperty("$mcp_via_tool");
    expect(exploded?.properties.$mcp_tool_name).toBe("explode");
    expect(String(errors[0])).toMatch(/unwrapper bug/);
    expect(failed?.properties).toMatchObject({ $mcp_tool_name: "boom", $mcp_via_tool: "call-tool" });
    expect(exception?.properties.$mcp_tool_name).toBe("boom");
    expect(() => createRecorder({ sink, unwrapTool: "call-tool" as never })).toThrow(/`unwrapTool`/);
    await recorder.shutdown();
  });
});
