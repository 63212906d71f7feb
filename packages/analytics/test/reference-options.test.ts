import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { MCPAnalyticsOptions } from "@posthog/mcp";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMemorySink, type IdentifyRequest, instrument, McpEventName } from "../src/index.js";
import { connectV1, eventsNamed } from "./helpers.js";

function server(seen: unknown[]) {
  const mcp = new McpServer({ name: "options", version: "1.0.0" });
  mcp.registerTool("lookup", { inputSchema: { q: z.string() } }, async (args) => {
    seen.push(args);
    return { content: [{ type: "text", text: "ok" }] };
  });
  return mcp;
}

describe("options of the reference SDK", () => {
  it("captureModel: advertises llm_model, strips it, and prefers the client's metadata", async () => {
    const sink = createMemorySink();
    const seen: unknown[] = [];
    const mcp = server(seen);
    const handle = instrument(mcp, { sink, captureModel: true });
    const client = await connectV1(mcp);
    const tools = await client.listTools();
    expect(Object.keys(tools.tools[0]?.inputSchema.properties ?? {})).toContain("llm_model");
    await client.callTool({ name: "lookup", arguments: { q: "a", llm_model: "claude-opus-4-8" } });
    await client.callTool({ name: "lookup", arguments: { q: "b", llm_model: "unknown" } });
    await client.callTool({
      name: "lookup",
      arguments: { q: "c", llm_model: "gpt-5.2" },
      _meta: { "x-codex-turn-metadata": { model: "gpt-5.2-codex" } },
    });
    await handle.flush();
    expect(seen).toEqual([{ q: "a" }, { q: "b" }, { q: "c" }]);
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(
      calls.map((call) => [call.properties.$mcp_llm_model, call.properties.$mcp_llm_model_source]),
    ).toEqual([
      ["claude-opus-4-8", "self_reported"],
      [undefined, undefined],
      ["gpt-5.2-codex", "client_metadata"],
    ]);
    await handle.shutdown();
  });

  it("intentFallback: infers an intent for calls without context, never for calls with one", async () => {
    const sink = createMemorySink();
    const mcp = server([]);
    const handle = instrument(mcp, {
      sink,
      intentFallback: async (request) => {
        const params = (request as { params: { arguments?: { q?: string } } }).params;
        return `looking up ${params.arguments?.q}`;
      },
    });
    const client = await connectV1(mcp);
    await client.listTools();
    await client.callTool({ name: "lookup", arguments: { q: "a" } });
    await client.callTool({ name: "lookup", arguments: { q: "b", context: "stated by the agent" } });
    await handle.flush();
    const calls = eventsNamed(sink.events, McpEventName.toolCall);
    expect(calls.map((call) => [call.properties.$mcp_intent, call.properties.$mcp_intent_source])).toEqual([
      ["looking up a", "inferred"],
      ["stated by the agent", "context_parameter"],
    ]);
    await handle.shutdown();
  });

  it("collectFeedback: advertises send_feedback, records $mcp_feedback (never a tool call) and calls onFeedback", async () => {
    const sink = createMemorySink();
    const reports: unknown[] = [];
    const mcp = server([]);
    const handle = instrument(mcp, {
      sink,
      collectFeedback: {
        onFeedback: (report) => {
          reports.push(report);
          return "Thanks, filed as FB-1.";
        },
      },
    });
    const client = await connectV1(mcp);
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(["lookup", "send_feedback"]);
    const reply = await client.callTool({
      name: "send_feedback",
      arguments: {
        feedback_type: "missing_capability",
        summary: "No tool to delete several cohorts at once.",
        sentiment: "negative",
        task_completed: false,
      },
    });
    await handle.flush();
    expect((reply.content as { text: string }[])[0]?.text).toBe("Thanks, filed as FB-1.");
    expect(reports).toEqual([
      expect.objectContaining({
        feedbackType: "missing_capability",
        sentiment: "negative",
        taskCompleted: false,
      }),
    ]);
    expect(eventsNamed(sink.events, McpEventName.toolCall)).toHaveLength(0);
    const [feedback] = eventsNamed(sink.events, McpEventName.feedback);
    expect(feedback?.properties).toMatchObject({
      $mcp_feedback_type: "missing_capability",
      $mcp_feedback_summary: "No tool to delete several cohorts at once.",
      $mcp_feedback_sentiment: "negative",
      $mcp_feedback_task_completed: false,
      $mcp_intent: "No tool to delete several cohorts at once.",
    });
    await handle.shutdown();
  });

  it("collectFeedback: extraProperties join the schema, extraRequired its required list; only declared, well-typed extras are recorded", async () => {
    const sink = createMemorySink();
    const reports: { extras: unknown; raw: unknown }[] = [];
    const mcp = server([]);
    const handle = instrument(mcp, {
      sink,
      collectFeedback: {
        extraProperties: {
          area: { type: "string", enum: ["billing", "search"] },
          attempts: { type: "integer" },
          labels: { type: "array", items: { type: "string" } },
        },
        extraRequired: ["area"],
        onFeedback: (report) => {
          reports.push(report);
        },
      },
    });
    const client = await connectV1(mcp);
    const tools = await client.listTools();
    const feedbackTool = tools.tools.find((tool) => tool.name === "send_feedback");
    expect(Object.keys(feedbackTool?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["summary", "area", "attempts", "labels"]),
    );
    expect(feedbackTool?.inputSchema.required).toEqual(["feedback_type", "summary", "area"]);
    const base = { feedback_type: "issue", summary: "Search ignores the date filter." };
    const reply = await client.callTool({
      name: "send_feedback",
      arguments: { ...base, area: "search", attempts: 2, labels: ["dates"], made_up: "x" },
    });
    await client.callTool({ name: "send_feedback", arguments: { ...base, area: "shipping", attempts: 2.5 } });
    await handle.flush();
    expect((reply.content as { text: string }[])[0]?.text).toMatch(/feedback was recorded/);
    expect(reports[0]?.extras).toEqual({ area: "search", attempts: 2, labels: ["dates"] });
    expect(reports[0]?.raw).toMatchObject({ made_up: "x" });
    expect(reports[1]?.extras).toEqual({});
    const [first, second] = eventsNamed(sink.events, McpEventName.feedback);
    expect(first?.properties).toMatchObject({
      $mcp_feedback_area: "search",
      $mcp_feedback_attempts: 2,
      $mcp_feedback_labels: '["dates"]',
    });
    expect(first?.properties).not.toHaveProperty("$mcp_feedback_made_up");
    expect(Object.keys(second?.properties ?? {}).filter((key) => /area|attempts/.test(key))).toEqual([]);
    await handle.shutdown();
  });

  it("collectFeedback: a reserved or undeclared extra key is refused when instrumenting, naming the key", () => {
    const sink = createMemorySink();
    expect(() =>
      instrument(server([]), { sink, collectFeedback: { extraProperties: { summary: { type: "string" } } } }),
    ).toThrow(/collectFeedback\.extraProperties\.summary.*collides/);
    expect(() =>
      instrument(server([]), { sink, collectFeedback: { extraProperties: { tool: { type: "string" } } } }),
    ).toThrow(/extraProperties\.tool/);
    expect(() =>
      instrument(server([]), {
        sink,
        collectFeedback: { extraProperties: { area: { type: "string" } }, extraRequired: ["severity"] },
      }),
    ).toThrow(/extraRequired.*"severity"/);
  });

  it("identify: a function written for the reference gets (request, extra); ours reads the session fields", async () => {
    const sink = createMemorySink();
    const seen: { method: unknown; client: unknown; hasExtra: boolean }[] = [];
    const referenceIdentify: Extract<MCPAnalyticsOptions["identify"], (...args: never[]) => unknown> = async (
      request,
      extra,
    ) => {
      const clientInfo = request.params?.clientInfo as { name?: string } | undefined;
      seen.push({ method: request.method, client: clientInfo?.name, hasExtra: extra !== undefined });
      return { distinctId: `ref-${clientInfo?.name}`, groups: { project: "7" } };
    };
    const mcp = server([]);
    const handle = instrument(mcp, { sink, identify: referenceIdentify });
    const client = await connectV1(mcp);
    await client.listTools();
    await client.callTool({ name: "lookup", arguments: { q: "a" } });
    await handle.shutdown();
    expect(seen).toEqual([{ method: "initialize", client: "test-client", hasExtra: true }]);
    expect(new Set(sink.events.map((event) => event.distinct_id))).toEqual(new Set(["ref-test-client"]));
    expect(eventsNamed(sink.events, McpEventName.toolCall)[0]?.properties.$groups).toEqual({ project: "7" });

    const ourSink = createMemorySink();
    const requests: IdentifyRequest[] = [];
    const ours = server([]);
    const ourHandle = instrument(ours, {
      sink: ourSink,
      identify: (request) => {
        requests.push(request);
        return `ours-${request.clientName}`;
      },
    });
    const ourClient = await connectV1(ours);
    await ourClient.callTool({ name: "lookup", arguments: { q: "a" } });
    await ourHandle.shutdown();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "initialize", clientName: "test-client" });
    expect(typeof requests[0]?.sessionId).toBe("string");
    expect(eventsNamed(ourSink.events, McpEventName.toolCall)[0]?.distinct_id).toBe("ours-test-client");
  });

  it("takes the reference's other option names: enableConversationId, missingCapabilityToolName, logger, identify: null, async beforeSend, typed intentFallback", async () => {
    const sink = createMemorySink();
    const lines: string[] = [];
    const intentFallback: NonNullable<MCPAnalyticsOptions["intentFallback"]> = (request, extra) =>
      request.method === "tools/call" && extra ? "inferred from the reference's arguments" : null;
    const mcp = server([]);
    const handle = instrument(mcp, {
      sink,
      identify: null,
      enableConversationId: true,
      missingCapabilityToolName: "ask_for_tools",
      reportMissing: true,
      intentFallback,
      logger: (line) => lines.push(line),
      eventProperties: () => {
        throw new Error("eventProperties failed on purpose");
      },
      beforeSend: async (event) => (event.event === McpEventName.toolsList ? null : event),
    });
    const client = await connectV1(mcp);
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(["lookup", "ask_for_tools"]);
    expect(Object.keys(tools.tools[0]?.inputSchema.properties ?? {})).toContain("conversation_id");
    await client.callTool({ name: "lookup", arguments: { q: "a" } });
    await handle.shutdown();
    // Every event failed in eventProperties: each failure went to `logger`, none to stderr.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^\[@toolwright\/analytics\] eventProperties failed on purpose$/);
    expect(sink.events).toEqual([]);

    const kept = createMemorySink();
    const second = server([]);
    const secondHandle = instrument(second, {
      sink: kept,
      intentFallback,
      beforeSend: async (event) => (event.event === McpEventName.toolsList ? null : event),
    });
    const secondClient = await connectV1(second);
    await secondClient.listTools();
    await secondClient.callTool({ name: "lookup", arguments: { q: "a" } });
    await secondHandle.shutdown();
    expect(eventsNamed(kept.events, McpEventName.toolsList)).toEqual([]);
    const [call] = eventsNamed(kept.events, McpEventName.toolCall);
    expect(call?.properties.$mcp_intent).toBe("inferred from the reference's arguments");
    expect(call?.properties.$mcp_intent_source).toBe("inferred");
  });

  it("eventProperties: a function written for the reference gets (request, extra), may be async; ours still gets the event", async () => {
    const sink = createMemorySink();
    const referenceProperties: NonNullable<MCPAnalyticsOptions["eventProperties"]> = async (
      request,
      extra,
    ) => ({
      rpc_method: request.method ?? "none",
      has_extra: extra !== undefined,
    });
    const mcp = server([]);
    const handle = instrument(mcp, { sink, eventProperties: referenceProperties });
    const client = await connectV1(mcp);
    await client.listTools();
    await client.callTool({ name: "lookup", arguments: { q: "a" } });
    await handle.shutdown();
    const [call] = eventsNamed(sink.events, McpEventName.toolCall);
    expect(call?.properties).toMatchObject({ rpc_method: "tools/call", has_extra: true });
    expect(eventsNamed(sink.events, McpEventName.toolsList)[0]?.properties.rpc_method).toBe("tools/list");

    const ourSink = createMemorySink();
    const ours = server([]);
    const ourHandle = instrument(ours, {
      sink: ourSink,
      eventProperties: ({ event, toolName }) => ({ seen_event: event, seen_tool: toolName ?? "none" }),
    });
    const ourClient = await connectV1(ours);
    await ourClient.callTool({ name: "lookup", arguments: { q: "a" } });
    await ourHandle.shutdown();
    expect(eventsNamed(ourSink.events, McpEventName.toolCall)[0]?.properties).toMatchObject({
      seen_event: "$mcp_tool_call",
      seen_tool: "lookup",
    });
  });
});
