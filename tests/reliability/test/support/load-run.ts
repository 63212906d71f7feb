import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { seededRandom } from "@toolwright/demo-api";

/** One kind of request the load mixes in, with its weight. */
interface Operation {
  name: string;
  weight: number;
  run(client: Client): Promise<boolean>;
}

async function tool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  expectError = false,
): Promise<boolean> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return (result.isError ?? false) === expectError;
}

/** Succeeds, or is refused by a rate limit (the guard's or the upstream's 429) with when to retry. */
async function toolOrRateLimited(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<boolean> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (!result.isError) return true;
  const text = result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
  return /(rate_limit guard|HTTP 429)/.test(text) && /Retry in \d+ s/.test(text);
}

/** Mixed read traffic plus guard and confirmation paths that write nothing. */
const OPERATIONS: Operation[] = [
  { name: "tools/list", weight: 25, run: async (client) => (await client.listTools()).tools.length > 20 },
  { name: "persons-list", weight: 15, run: (client) => tool(client, "persons-list", { limit: 20 }) },
  { name: "workflows-get", weight: 10, run: (client) => tool(client, "workflows-get", { id: 1 }) },
  { name: "whoami", weight: 10, run: (client) => tool(client, "whoami", {}) },
  {
    name: "workflows-blast-radius",
    weight: 10,
    run: (client) => tool(client, "workflows-blast-radius", { id: 1 }),
  },
  { name: "insights-list", weight: 10, run: (client) => tool(client, "insights-list", {}) },
  {
    name: "integrations-channels-retrieve",
    weight: 5,
    // Rate limited (30 a minute per project): a refusal that says when to retry is a correct answer.
    run: (client) => toolOrRateLimited(client, "integrations-channels-retrieve", { id: 1 }),
  },
  // Rejected by a guard (drifted count) and confirmation prepare steps: nothing is written.
  {
    name: "workflows-run-batch (rejected)",
    weight: 5,
    run: (client) => tool(client, "workflows-run-batch", { id: 1, acknowledged_affected_count: 1 }, true),
  },
  { name: "alert-delete (prepare)", weight: 5, run: (client) => tool(client, "alert-delete", { id: 1 }) },
  { name: "ping", weight: 5, run: async (client) => (await client.ping()) !== undefined },
];
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, operation) => sum + operation.weight, 0);

function pick(next: () => number): Operation {
  let roll = next() * TOTAL_WEIGHT;
  for (const operation of OPERATIONS) {
    roll -= operation.weight;
    if (roll < 0) return operation;
  }
  return OPERATIONS[0] as Operation;
}

/**
 * An SDK client whose requests rotate over several server URLs (round-robin per HTTP request): with
 * a stateless server no request may depend on which replica served the one before.
 */
export async function roundRobinClient(urls: readonly string[], key: string): Promise<Client> {
  let turn = 0;
  const rotate: typeof fetch = (_input, init) => {
    const target = urls[turn++ % urls.length] ?? urls[0];
    return fetch(target as string, init);
  };
  const transport = new StreamableHTTPClientTransport(new URL(urls[0] ?? ""), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: rotate,
  });
  const client = new Client({ name: "toolwright-load", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

export interface LoadOptions {
  /** MCP URLs; more than one means round-robin per request. */
  urls: readonly string[];
  key: string;
  clients: number;
  seconds: number;
  seed?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  byOperation: Record<string, number>;
  rssStartMiB: number;
  rssEndMiB: number;
  rssPeakMiB: number;
  /** heapUsed after a full GC before and after the run; null when gc() is not exposed (--expose-gc). */
  heapStartMiB: number | null;
  heapEndMiB: number | null;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const mebibytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** heapUsed after two full collections, when the process was started with --expose-gc. */
function heapAfterGc(): number | null {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return null;
  collect();
  collect();
  return mebibytes(process.memoryUsage().heapUsed);
}

/** Runs `clients` concurrent SDK clients doing mixed traffic for `seconds`; every failure is counted. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const byOperation: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  const heapStart = heapAfterGc();
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const clients = await Promise.all(
    Array.from({ length: options.clients }, () => roundRobinClient(options.urls, options.key)),
  );
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 250);
  await Promise.all(
    clients.map(async (client, index) => {
      // The demo API's seeded generator (mulberry32), so every run sends the same mix.
      const next = seededRandom((options.seed ?? 7) + index);
      while (performance.now() < deadline) {
        const operation = pick(next);
        const begin = performance.now();
        try {
          const ok = await operation.run(client);
          if (!ok) throw new Error("unexpected result");
        } catch (error) {
          errors += 1;
          if (errorSamples.length < 5)
            errorSamples.push(`${operation.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
        latencies.push(performance.now() - begin);
        byOperation[operation.name] = (byOperation[operation.name] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await Promise.all(clients.map((client) => client.close()));
  const rssEnd = process.memoryUsage().rss;
  const heapEnd = heapAfterGc();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    errorSamples,
    throughput: Math.round((latencies.length / elapsed) * 10) / 10,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
    maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    byOperation,
    rssStartMiB: mebibytes(rssStart),
    rssEndMiB: mebibytes(rssEnd),
    rssPeakMiB: mebibytes(Math.max(rssPeak, rssEnd)),
    heapStartMiB: heapStart,
    heapEndMiB: heapEnd,
  };
}
