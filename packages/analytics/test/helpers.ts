import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { AnalyticsEvent } from "../src/index.js";

/** Connects an official 1.x client to a server over a linked in-memory transport pair. */
export async function connectV1(server: { connect(transport: InMemoryTransport): Promise<void> }) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test-client", version: "9.9.9" });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

/** A 1.x McpServer named `test-server`. */
export function newMcpServerV1(): McpServer {
  return new McpServer({ name: "test-server", version: "1.2.3" });
}

/** The events of one name, in order. */
export function eventsNamed(events: AnalyticsEvent[], name: string): AnalyticsEvent[] {
  return events.filter((event) => event.event === name);
}

/** The first text block of a tool result. */
export function firstText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.find((block) => block.type === "text")?.text ?? "";
}
