import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { createMemorySink, createRecorder, instrument, McpEventName, type Recorder } from "../src/index.js";
import { connectV1, eventsNamed, firstText } from "./helpers.js";

/** The tool arguments inside `$mcp_parameters` (`{ request: { params: { arguments } } }`). */
function argumentsOf(event: { properties: Record<string, unknown> } | undefined): unknown {
  const parameters = event?.properties.$mcp_parameters as
    | { request?: { params?: { arguments?: unknown } } }
    | undefined;
  return parameters?.request?.params?.arguments;
}

const TOOLS = [
  { name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } },
  {
    name: "note",
    inputSchema: { type: "object", properties: { context: { type: "string" }, text: { type: "string" } } },
  },
];

/**
 * A low-level server whose tools reject unknown arguments, like a strict production server; it counts
 * how often its own `tools/list` handler runs and pages its tools one per page.
 */
function strictServer(recorder: Recorder, counter: { lists: number }) {
  const server = new Server({ name: "strict", version: "1.0.0" }, { capabilities: { tools: {} } });
  instrument(server, recorder);
  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    counter.lists++;
    const index = Number(request.params?.cursor ?? 0);
    const next = index + 1 < TOOLS.length ? { nextCursor: String(index + 1) } : {};
    return { tools: [TOOLS[index]], ...next };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = TOOLS.find((candidate) => candidate.name === request.params.name);
    const allowed = Object.keys(tool?.inputSchema.properties ?? {});
    const unknown = Object.keys(request.params.arguments ?? {}).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      return { isError: true, content: [{ type: "text", text: `unknown argument '${unknown[0]}'` }] };
    }
    return { content: [{ type: "text", text: JSON.stringify(request.params.arguments) }] };
  });
  return server;
}

describe("a server instance that never listed tools (stateless, restarted, another replica)", () => {
  it("learns the tool's own schema from its tools/list handler once, strips only what analytics added", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink });
    const counter = { lists: 0 };

    const first = await connectV1(strictServer(recorder, counter));
    const echoed = await first.callTool({ name: "echo", arguments: { text: "hi", context: "greeting" } });
    expect(echoed.isError, firstText(echoed)).toBeFalsy();
    expect(JSON.parse(firstText(echoed))).toEqual({ text: "hi" });
    // `note` is on the second page: the lookup follows the cursor and leaves the tool's own context alone.
    const noted = await first.callTool({ name: "note", arguments: { text: "a", context: "mine" } });
    expect(JSON.parse(firstText(noted))).toEqual({ text: "a", context: "mine" });
    const listsAfterFirstServer = counter.lists;
    // One page for `echo` (found on page one), two for `note`.
    expect(listsAfterFirstServer).toBe(3);

    // Another per-request server sharing the recorder: ownership is cached, its tools/list never runs.
    const second = await connectV1(strictServer(recorder, counter));
    const again = await second.callTool({ name: "echo", arguments: { text: "yo", context: "again" } });
    expect(JSON.parse(firstText(again))).toEqual({ text: "yo" });
    const plain = await second.callTool({ name: "echo", arguments: { text: "no analytics arguments" } });
    expect(plain.isError).toBeFalsy();
    expect(counter.lists).toBe(listsAfterFirstServer);

    await recorder.flush();
    // The in-process lookups are not tools/list requests of the agent: nothing recorded for them.
    expect(eventsNamed(sink.events, McpEventName.toolsList)).toHaveLength(0);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls.map((event) => event.properties.$mcp_intent)).toEqual([
      "greeting",
      undefined,
      "again",
      undefined,
    ]);
    expect(argumentsOf(calls[0])).toEqual({ text: "hi" });
    await recorder.shutdown();
  });

  it("still dispatches the call when the tools/list lookup fails, reporting the failure", async () => {
    const errors: unknown[] = [];
    const recorder = createRecorder({ sink: createMemorySink(), onError: (error) => errors.push(error) });
    const server = new Server({ name: "broken-list", version: "1.0.0" }, { capabilities: { tools: {} } });
    instrument(server, recorder);
    server.setRequestHandler(ListToolsRequestSchema, async () => {
      throw new Error("listing is down");
    });
    server.setRequestHandler(CallToolRequestSchema, async (request) => ({
      content: [{ type: "text", text: JSON.stringify(request.params.arguments) }],
    }));
    const client = await connectV1(server);
    const result = await client.callTool({ name: "echo", arguments: { text: "hi", context: "why" } });
    expect(JSON.parse(firstText(result))).toEqual({ text: "hi", context: "why" });
    expect(String(errors[0])).toMatch(/listing is down/);
    await recorder.shutdown();
  });
});
