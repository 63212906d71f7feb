// Measures one variant in a fresh process: an McpServer with one tool, an in-memory client, warm-up
// calls, then timed calls; prints one JSON line with latencies, CPU and peak memory. Scenario
// `trivial` echoes a word and never yields; `realistic` returns a page of 25 persons (about 8 kB of
// JSON with e-mails and URLs) after yielding to the event loop, so the analytics sender runs
// during the timed loop, as it does on a real server.
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { instrument as instrumentPostHog } from "@posthog/mcp";
import { PostHog } from "posthog-node";
import { z } from "zod";
import { createMemorySink, createPostHogSink, instrument } from "../src/index.js";

const [variant = "bare", host = "", callsText = "5000", warmupText = "500", scenario = "trivial"] =
  process.argv.slice(2);
const calls = Number(callsText);
const warmup = Number(warmupText);

const server = new McpServer({ name: "bench", version: "1.0.0" });
const persons = JSON.stringify({
  results: Array.from({ length: 25 }, (_, index) => ({
    id: 1000 + index,
    name: `Person ${index} Lovelace`,
    email: `person${index}@example.com`,
    created_at: "2026-03-01T10:20:30.000Z",
    properties: { plan: index % 3 === 0 ? "pro" : "free", country: "GB", signup_source: "organic-search" },
    url: `https://app.example.com/project/1/persons/${1000 + index}`,
  })),
  next: "https://app.example.com/api/projects/1/persons/?limit=25&offset=25",
});
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => {
  if (scenario !== "realistic") return { content: [{ type: "text", text }] };
  await yieldToLoop();
  return { content: [{ type: "text", text: persons }] };
});

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

const peakRssMb = process.resourceUsage().maxRSS / 1024;
const line = `${JSON.stringify({ variant, durations, cpuMs: (cpu.user + cpu.system) / 1000, callsWallMs, totalWallMs, peakRssMb })}\n`;
// Exit only once the line is flushed: a piped stdout is asynchronous and would be cut short.
process.stdout.write(line, () => process.exit(0));
