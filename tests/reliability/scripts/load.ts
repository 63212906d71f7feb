// `pnpm load`: N concurrent SDK clients (RELIABILITY_LOAD_CLIENTS, default 50, at most 500) for a bounded
// time (RELIABILITY_LOAD_SECONDS, default 30, at most 600) against one MCP server, then against two
// replicas sharing one demo API in round-robin per request. Writes the figures to docs/benchmarks.md.
import { machine, table, writeBenchSection } from "@toolwright/bench";
import { createMemoryReplayStore } from "@toolwright/core";
import { startDemoStack } from "@toolwright/testkit";
import { startDemoMcpServer, TEST_CONFIRM_SECRET } from "@toolwright/testkit/demo-mcp-server.ts";
import { databaseFingerprint } from "../test/support/database-fingerprint.js";
import { recordFigures } from "../test/support/figures.js";
import { type LoadResult, runLoad } from "../test/support/load-run.js";

function bounded(name: string, fallback: number, max: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), max) : fallback;
}

const clients = bounded("RELIABILITY_LOAD_CLIENTS", 50, 500);
const seconds = bounded("RELIABILITY_LOAD_SECONDS", 30, 600);

// Every client is on 127.0.0.1: the per-address connection cap (128 by default) would refuse a large run.
const limits = { maxConnectionsPerClient: 0 };
const stack = await startDemoStack({ server: { limits } });
const replayStore = createMemoryReplayStore();
const confirmation = { secret: TEST_CONFIRM_SECRET, replayStore };
const replicaA = await startDemoMcpServer(stack.api.url, { confirmation, limits });
const replicaB = await startDemoMcpServer(stack.api.url, { confirmation, limits });
const before = databaseFingerprint(stack.api.dbPath);
const runs: [string, LoadResult][] = [];
try {
  // Warm-up (JIT, schema compilation, connection pools), not recorded.
  await runLoad({
    urls: [stack.mcp.url, replicaA.url, replicaB.url],
    key: stack.keys.admin.key,
    clients: Math.min(clients, 10),
    seconds: 3,
  });
  console.log(`load: ${clients} clients × ${seconds} s, one server`);
  runs.push([
    "one server",
    await runLoad({ urls: [stack.mcp.url], key: stack.keys.admin.key, clients, seconds }),
  ]);
  console.log(`load: ${clients} clients × ${seconds} s, two replicas round-robin`);
  runs.push([
    "two replicas, round-robin per request",
    await runLoad({ urls: [replicaA.url, replicaB.url], key: stack.keys.admin.key, clients, seconds }),
  ]);
} finally {
  await replicaA.close();
  await replicaB.close();
  const unchanged = databaseFingerprint(stack.api.dbPath) === before;
  await stack.close();
  if (!unchanged) console.error("load: the demo database changed during a read-only load run");
}

const rows = runs.map(([label, result]) => [
  label,
  String(result.requests),
  String(result.throughput),
  String(result.p50Ms),
  String(result.p99Ms),
  String(result.maxMs),
  String(result.errors),
  `${result.rssStartMiB} → ${result.rssEndMiB} (peak ${result.rssPeakMiB})`,
  `${result.heapStartMiB ?? "n/a"} → ${result.heapEndMiB ?? "n/a"}`,
]);
const markdown = [
  `${clients} concurrent official-SDK clients on loopback for ${seconds} s each, mixed traffic (tools/list 25%, reads 60%, a guard rejection 5%, a confirmation prepare 5%, ping 5%); servers, API and clients share one Node process, so RSS and heap cover all of them. Heap is measured after a full GC once the clients are closed.`,
  "",
  table(
    [
      "Run",
      "Requests",
      "Requests/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "Errors",
      "RSS MiB start → end",
      "Heap after GC MiB start → end",
    ],
    rows,
  ),
].join("\n");
writeBenchSection(
  "reliability-load",
  "Reliability: load and replicas",
  "pnpm --filter @toolwright/reliability load",
  markdown,
);
for (const [label, result] of runs) {
  recordFigures(`load-${label.startsWith("one") ? "single" : "replicas"}`, {
    clients,
    seconds,
    requests: result.requests,
    throughput: result.throughput,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    errors: result.errors,
    rssStartMiB: result.rssStartMiB,
    rssEndMiB: result.rssEndMiB,
    heapAfterGcStartMiB: result.heapStartMiB ?? "n/a",
    heapAfterGcEndMiB: result.heapEndMiB ?? "n/a",
  });
  console.log(label, JSON.stringify(result));
}
console.log(machine());
const failed = runs.some(([, result]) => result.errors > 0);
process.exit(failed ? 1 : 0);
