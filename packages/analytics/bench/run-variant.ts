// Measures one variant in a fresh process: an McpServer with one trivial tool, an in-memory
// client, warm-up calls, then timed calls; prints one JSON line with latencies and CPU.
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { instrument as instrumentPostHog } from "@posthog/mcp";
import { PostHog } from "posthog-node";
import { z } from "zod";
import { createMemorySink, createPostHogSink, instrument } from "../src/index.js";

const [variant = "bare", host = "", callsText = "5000", warmupText = "500"] = process.argv.slice(2);
const calls = Number(callsText);
const warmup = Number(warmupText);

const server = new McpServer({ name: "bench", version: "1.0.0" });
server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({
  content: [{ type: "text", text }],
}));

let drain: () => Promise<unknown> = async () => {};
if (variant === "toolwright") {
  const handle = instrument(server, { sink: createPostHogSink({ apiKey: "phc_bench", host }) });
  drain = () => handle.shutdown();
} else if (variant === "toolwright-memory") {
  const handle = instrument(server, { sink: createMemorySink() });
  drain = () => handle.shutdown();
} else if (variant === "toolwright-noop") {
  const handle = instrument(server, { sink: { send: async () => {} } });
  drain = () => handle.shutdown();
} else if (variant === "posthog") {
  const posthog = new PostHog("phc_bench", { host });
  instrumentPostHog(server, posthog);
  drain = () => posthog.shutdown();
}

const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
const client = new Client({ name: "bench-client", version: "1.0.0" });
await server.connect(serverTransport);
await client.connect(clientTransport);
await client.listTools();

const call = () => client.callTool({ name: "echo", arguments: { text: "hello" } });
for (let index = 0; index < warmup; index++) await call();

const durations: number[] = [];
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let index = 0; index < calls; index++) {
  const started = performance.now();
  await call();
  durations.push(performance.now() - started);
}
const callsWallMs = performance.now() - wallStart;
await drain();
const cpu = process.cpuUsage(cpuStart);
const totalWallMs = performance.now() - wallStart;
await client.close();

const line = `${JSON.stringify({ variant, durations, cpuMs: (cpu.user + cpu.system) / 1000, callsWallMs, totalWallMs })}\n`;
// Exit only once the line is flushed: a piped stdout is asynchronous and would be cut short.
process.stdout.write(line, () => process.exit(0));
