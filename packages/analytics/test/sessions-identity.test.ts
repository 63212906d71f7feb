import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { McpServer as McpServerV2 } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AnalyticsEvent,
  createMemorySink,
  createRecorder,
  instrument,
  McpEventName,
} from "../src/index.js";
import { DerivedSessions, SESSION_INACTIVITY_MS } from "../src/recorder/session-resolver.js";
import { connectV1, eventsNamed } from "./helpers.js";

// Callers as a server resolves them: a key id (not a hash of the key) and its project.
const CALLERS: Record<string, { distinctId: string; project: string }> = {
  tw_live_AdaKey0123456789: { distinctId: "key:7", project: "1" },
  tw_live_BobKey9876543210: { distinctId: "key:8", project: "2" },
};

/** A stateless Streamable HTTP server: a new McpServer and transport for every request, like the demo. */
async function startStatelessServer(recorder: ReturnType<typeof createRecorder>) {
  const http: HttpServer = createServer(async (request, response) => {
    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const caller = CALLERS[key];
    const server = new McpServer({ name: "stateless", version: "1.0.0" });
    server.registerTool(
      "persons-list",
      { description: "List persons.", inputSchema: { search: z.string().optional() } },
      async () => ({ content: [{ type: "text", text: "[]" }] }),
    );
    instrument(server, recorder, {
      identity: caller && {
        distinctId: caller.distinctId,
        properties: { project_id: caller.project },
        groups: { project: caller.project },
      },
    });
    const transport = new StreamableHTTPServerTransport({});
    response.on("close", () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  return {
    url,
    close: () => {
      http.closeAllConnections();
      return new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function connect(url: URL, key: string, name: string) {
  const client = new Client({ name, version: "1.4.0" });
  await client.connect(
    new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${key}` } } }),
  );
  return client;
}

describe("identity and sessions over stateless HTTP", () => {
  const sink = createMemorySink();
  const recorder = createRecorder({ sink, conversationId: false });
  let server: Awaited<ReturnType<typeof startStatelessServer>>;
  let events: AnalyticsEvent[];

  beforeAll(async () => {
    server = await startStatelessServer(recorder);
    const ada = await connect(server.url, "tw_live_AdaKey0123456789", "claude-code");
    const bob = await connect(server.url, "tw_live_BobKey9876543210", "cursor");
    for (let index = 0; index < 3; index++) {
      await ada.callTool({ name: "persons-list", arguments: { search: "ada" } });
      await bob.callTool({ name: "persons-list", arguments: {} });
    }
    await ada.listTools();
    await ada.close();
    await bob.close();
    await recorder.flush();
    events = sink.events;
  });
  afterAll(async () => {
    await recorder.shutdown();
    await server.close();
  });

  it("gives each caller's connection one session across per-request server instances", () => {
    const sessionsOf = (id: string) =>
      new Set(
        events.filter((event) => event.distinct_id === id).map((event) => event.properties.$session_id),
      );
    expect(sessionsOf("key:7").size).toBe(1);
    expect(sessionsOf("key:8").size).toBe(1);
    expect([...sessionsOf("key:7")][0]).not.toBe([...sessionsOf("key:8")][0]);
  });

  it("keeps caller ids, sessions and groups as they are (never redacted)", () => {
    expect(new Set(events.map((event) => event.distinct_id))).toEqual(new Set(["key:7", "key:8"]));
    const calls = eventsNamed(events, McpEventName.toolCall);
    expect(calls).toHaveLength(6);
    for (const call of calls) {
      expect(call.properties.$groups).toEqual({ project: call.distinct_id === "key:7" ? "1" : "2" });
      expect(String(call.properties.$session_id)).not.toContain("REDACTED");
    }
  });

  it("sends $identify once per caller while its properties are unchanged", () => {
    const identifies = eventsNamed(events, McpEventName.identify);
    expect(identifies.map((event) => event.distinct_id).sort()).toEqual(["key:7", "key:8"]);
    expect(identifies[0]?.properties.$set).toEqual(
      expect.objectContaining({ project_id: expect.any(String) }),
    );
  });

  it("stamps the client's name, version and user agent on every event", () => {
    for (const event of events.filter((item) => item.event !== McpEventName.identify)) {
      expect(event.properties.$mcp_client_name).toBe(
        event.distinct_id === "key:7" ? "claude-code" : "cursor",
      );
      expect(event.properties.$mcp_client_version).toBe("1.4.0");
      expect(event.properties.$mcp_client_user_agent).toEqual(expect.any(String));
    }
  });
});

describe("session rules", () => {
  it("derives one session per (caller, client) and starts a new one after 30 minutes without events", () => {
    let now = 1_000_000;
    const sessions = new DerivedSessions(() => now);
    const key = { caller: "key:7", clientName: "claude-code", clientVersion: "1.4.0" };
    const first = sessions.sessionFor(key);
    now += SESSION_INACTIVITY_MS - 1;
    expect(sessions.sessionFor(key)).toBe(first);
    expect(sessions.sessionFor({ ...key, clientVersion: "1.5.0" })).not.toBe(first);
    now += SESSION_INACTIVITY_MS + 1;
    expect(sessions.sessionFor(key)).not.toBe(first);
  });

  it("uses the conversation id as the session when there is one", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({ sink, conversationId: true });
    recorder.recordToolCall({
      headers: { "user-agent": "agent/1" },
      toolName: "t",
      conversationId: "0196a6c3-7b1e-7cc2-9f4a-3d2b1c0e9f8a",
    });
    await recorder.flush();
    expect(sink.events[0]?.properties.$session_id).toBe("0196a6c3-7b1e-7cc2-9f4a-3d2b1c0e9f8a");
    await recorder.shutdown();
  });

  it("accepts a static identity object, with groups", async () => {
    const sink = createMemorySink();
    const recorder = createRecorder({
      sink,
      identify: { distinctId: "svc-reporting", groups: { project: "3" } },
    });
    recorder.recordToolCall({ toolName: "t" });
    recorder.recordToolCall({ toolName: "t" });
    await recorder.flush();
    expect(sink.events.map((event) => event.event)).toEqual([
      "$identify",
      "$mcp_tool_call",
      "$mcp_tool_call",
    ]);
    expect(sink.events[1]).toMatchObject({
      distinct_id: "svc-reporting",
      properties: { $groups: { project: "3" } },
    });
    await recorder.shutdown();
  });
});

describe("$exception for failed calls on SDK McpServer 1.x and 2.x", () => {
  it.each(["v1", "v2"] as const)(
    "%s: a thrown error and an isError result each send $exception",
    async (major) => {
      const sink = createMemorySink();
      const server =
        major === "v1"
          ? new McpServer({ name: "s", version: "1" })
          : new McpServerV2({ name: "s", version: "1" });
      (server as McpServer).registerTool("throws", { description: "Throws." }, async () => {
        throw new Error("upstream answered 502");
      });
      (server as McpServer).registerTool("fails", {}, async () => ({
        isError: true,
        content: [
          { type: "text", text: "Rejected by the acknowledged_count guard of 'fails': count drifted." },
        ],
      }));
      const handle = instrument(server, { sink });
      const client =
        major === "v1" ? await connectV1(server as McpServer) : await connectV2(server as McpServerV2);
      await client.callTool({ name: "throws", arguments: {} });
      await client.callTool({ name: "fails", arguments: {} });
      await handle.flush();
      const exceptions = eventsNamed(sink.events, McpEventName.exception);
      expect(exceptions.map((event) => event.properties.$mcp_tool_name)).toEqual(["throws", "fails"]);
      const thrown = (exceptions[0]?.properties.$exception_list ?? []) as { value: string }[];
      expect(thrown[0]?.value).toMatch(/upstream answered 502/);
      expect(exceptions[0]?.properties.$mcp_tool_description).toBe("Throws.");
      const failed = eventsNamed(sink.events, McpEventName.toolCall)[1];
      expect(failed?.properties).toMatchObject({
        $mcp_error_kind: "guard_refusal",
        $mcp_guard_type: "acknowledged_count",
      });
      await handle.shutdown();
    },
  );
});

async function connectV2(server: McpServerV2) {
  const { Client: ClientV2 } = await import("@modelcontextprotocol/client");
  const { InMemoryTransport } = await import("@modelcontextprotocol/server");
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new ClientV2({ name: "v2-client", version: "2.0.0" });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}
