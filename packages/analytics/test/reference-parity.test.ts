import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { Client as ClientV2 } from "@modelcontextprotocol/client";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  InMemoryTransport as InMemoryTransportV2,
  McpServer as McpServerV2,
} from "@modelcontextprotocol/server";
import {
  instrument as instrumentReference,
  type MCPAnalyticsOptions,
  type CollectFeedbackOptions as ReferenceFeedbackOptions,
} from "@posthog/mcp";
import { PostHog } from "posthog-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AnalyticsEvent, createMemorySink, instrument } from "../src/index.js";
import { connectV1 } from "./helpers.js";

interface CapturedEvent {
  event: string;
  distinct_id?: string;
  properties: Record<string, unknown>;
}

/** A stand-in for PostHog ingestion on 127.0.0.1 that keeps every event posthog-node sends. */
async function startIngestion(): Promise<{ host: string; events: CapturedEvent[]; close(): Promise<void> }> {
  const events: CapturedEvent[] = [];
  const server: HttpServer = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = (request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
    const body = JSON.parse(text) as { batch?: CapturedEvent[] };
    events.push(...(body.batch ?? []));
    response.setHeader("content-type", "application/json");
    response.end('{"status":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Major = "v1" | "v2";

function demoServer(major: Major): McpServer {
  const server = (
    major === "v1"
      ? new McpServer({ name: "parity-server", version: "1.0.0" })
      : new McpServerV2({ name: "parity-server", version: "1.0.0" })
  ) as McpServer;
  server.registerTool(
    "persons-list",
    { description: "List persons in the project.", inputSchema: z.object({ search: z.string() }) },
    async ({ search }) => ({
      content: [{ type: "text", text: JSON.stringify({ results: [{ name: search }] }) }],
    }),
  );
  server.registerTool("alert-delete", { description: "Delete an alert." }, async () => ({
    isError: true,
    content: [{ type: "text", text: "Alert 99999 was not found." }],
  }));
  server.registerTool("explode", { description: "Always throws." }, async () => {
    throw new Error("upstream answered 502");
  });
  return server;
}

async function connect(server: McpServer, major: Major) {
  if (major === "v1") return connectV1(server);
  const [clientTransport, serverTransport] = InMemoryTransportV2.createLinkedPair();
  const client = new ClientV2({ name: "test-client", version: "9.9.9" });
  await (server as unknown as McpServerV2).connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

async function drive(server: McpServer, major: Major): Promise<void> {
  const client = await connect(server, major);
  await client.listTools();
  await client.callTool({ name: "persons-list", arguments: { search: "ada", context: "find a person" } });
  await client.callTool({ name: "alert-delete", arguments: { context: "remove a stale alert" } });
  await client.callTool({ name: "explode", arguments: { context: "see what happens" } });
  await client.callTool({
    name: "persons-list",
    arguments: { search: "bob", context: "find another person", llm_model: "claude-opus-4-8" },
  });
  await client.callTool({
    name: "send_feedback",
    arguments: {
      feedback_type: "missing_capability",
      summary: "No tool merges two persons.",
      details: "Tried persons-list twice.",
      friction_points: "Had to compare by hand.",
      suggested_improvement: "Add persons-merge.",
      tool_name: "persons-list",
      sentiment: "negative",
      task_completed: false,
      ticket_area: "persons",
      severity: 3,
      invented_by_agent: "never recorded",
    },
  });
  await client.close();
}

/**
 * What the reference sends that carries no information, each with the reason we leave it out:
 * its `$identify` copies the initialize request (with the SDK's `extra`, functions included) and its
 * duration, and its `$mcp_initialize` names the placeholder resource "Unknown Tool Name".
 */
const NOT_COPIED = new Set([
  "$identify: $mcp_parameters",
  "$identify: $mcp_duration_ms",
  "$identify: $mcp_resource_name",
  "$mcp_initialize: $mcp_resource_name",
]);

function keysByEvent(events: { event: string; properties: Record<string, unknown> }[]) {
  const keys = new Map<string, Set<string>>();
  for (const event of events) {
    const set = keys.get(event.event) ?? new Set<string>();
    for (const key of Object.keys(event.properties)) set.add(key);
    keys.set(event.event, set);
  }
  return keys;
}

type ReferenceIdentify = Extract<MCPAnalyticsOptions["identify"], (...args: never[]) => unknown>;

/**
 * One `identify` written against the reference's types, passed unchanged to both SDKs: it reads the
 * reference's `(request, extra)` arguments, so a wrong argument shape gives another distinct id.
 */
const identify: ReferenceIdentify = async (request, extra) => ({
  distinctId: request.jsonrpc === "2.0" && typeof request.method === "string" && extra ? "user-ada" : "wrong",
  properties: { plan: "pro" },
});

/** One `collectFeedback` object of the reference's type, with host-declared extra arguments. */
const collectFeedback: ReferenceFeedbackOptions = {
  extraProperties: {
    ticket_area: { type: "string", enum: ["persons", "alerts"], description: "Product area." },
    severity: { type: "integer", description: "1 (low) to 5 (high)." },
  },
  extraRequired: ["ticket_area"],
};

describe.each(["v1", "v2"] as const)(
  "wire parity with @posthog/mcp 0.16.3 on the same calls (SDK %s McpServer)",
  (major) => {
    let ingestion: Awaited<ReturnType<typeof startIngestion>>;
    let ours: AnalyticsEvent[];
    let reference: CapturedEvent[];

    beforeAll(async () => {
      ingestion = await startIngestion();
      const posthog = new PostHog("phc_parity", { host: ingestion.host, flushAt: 1, flushInterval: 0 });
      const referenceServer = demoServer(major);
      instrumentReference(referenceServer, posthog, { identify, captureModel: true, collectFeedback });
      await drive(referenceServer, major);
      await posthog.shutdown();
      reference = ingestion.events;

      const memory = createMemorySink();
      const ourServer = demoServer(major);
      const handle = instrument(ourServer, { sink: memory, identify, captureModel: true, collectFeedback });
      await drive(ourServer, major);
      await handle.shutdown();
      ours = memory.events;
    });
    afterAll(() => ingestion.close());

    it("sends every event name the reference sends", () => {
      const ourNames = new Set(ours.map((event) => event.event));
      const missing = [...new Set(reference.map((event) => event.event))].filter(
        (name) => !ourNames.has(name),
      );
      expect(reference.length).toBeGreaterThan(4);
      expect(missing).toEqual([]);
    });

    it("sends every property the reference sends, per event name", () => {
      const theirs = keysByEvent(reference);
      const mine = keysByEvent(ours);
      const missing: string[] = [];
      for (const [event, keys] of theirs) {
        for (const key of keys) if (!mine.get(event)?.has(key)) missing.push(`${event}: ${key}`);
      }
      expect(theirs.get("$mcp_tool_call")?.size).toBeGreaterThan(15);
      missing.splice(0, missing.length, ...missing.filter((entry) => !NOT_COPIED.has(entry)));
      expect(missing).toEqual([]);
    });

    it("takes the reference's identify and collectFeedback extras unchanged, with the same values", () => {
      const distinctIds = (events: { distinct_id?: string }[]) => [
        ...new Set(events.map((e) => e.distinct_id)),
      ];
      expect(distinctIds(reference)).toEqual(["user-ada"]);
      expect(distinctIds(ours)).toEqual(["user-ada"]);
      const feedbackOf = (events: { event: string; properties: Record<string, unknown> }[]) => {
        const found = events.find((event) => event.event === "$mcp_feedback")?.properties ?? {};
        return Object.fromEntries(Object.entries(found).filter(([key]) => key.startsWith("$mcp_feedback_")));
      };
      expect(feedbackOf(ours)).toEqual(feedbackOf(reference));
      expect(feedbackOf(ours)).toMatchObject({
        $mcp_feedback_ticket_area: "persons",
        $mcp_feedback_severity: 3,
      });
      expect(feedbackOf(ours)).not.toHaveProperty("$mcp_feedback_invented_by_agent");
    });

    it("uses the reference's value formats", () => {
      const call = ours.find((event) => event.event === "$mcp_tool_call" && !event.properties.$mcp_is_error);
      const theirCall = reference.find(
        (event) => event.event === "$mcp_tool_call" && !event.properties.$mcp_is_error,
      );
      expect(Number.isInteger(call?.properties.$mcp_duration_ms)).toBe(true);
      expect(call?.properties.$mcp_source).toBe(theirCall?.properties.$mcp_source);
      expect(call?.properties.$is_server).toBe(theirCall?.properties.$is_server);
      expect(call?.properties.$geoip_disable).toBe(theirCall?.properties.$geoip_disable);
      expect(call?.properties.$mcp_tool_description).toBe(theirCall?.properties.$mcp_tool_description);
      expect(call?.properties.$mcp_parameters).toEqual(theirCall?.properties.$mcp_parameters);
      const exceptions = ours.filter((event) => event.event === "$exception");
      const theirExceptions = reference.filter((event) => event.event === "$exception");
      expect(exceptions).toHaveLength(theirExceptions.length);
      for (const exception of exceptions) {
        const list = exception.properties.$exception_list as { type: string; value: string }[];
        expect(list[0]?.value).toMatch(/not found|502/);
      }
    });
  },
);
