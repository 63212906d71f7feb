// Benchmarks of @toolwright/server on loopback: the latency a tools/call adds over calling the
// upstream directly, tools/list cost for a small and a 1,200-tool catalog, compact mode, and cold
// start. Writes the "server" section of docs/benchmarks.md. Run: pnpm --filter @toolwright/server bench
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile, table, writeBenchSection } from "@toolwright/bench";
import { parseToolDefinitions } from "@toolwright/core";
import { createCatalog } from "../src/catalog/create-catalog.ts";
import { serveHttp } from "../src/http/serve-http.ts";
import { testDefinitions } from "../test/support/catalog.ts";
import { connectHttp } from "../test/support/client.ts";
import { startUpstream } from "../test/support/upstream.ts";

const ROUNDS = 300;
const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const quiet = { warn: () => {}, error: () => {} };

async function timed(action) {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const ms = (value) => value.toFixed(2);

/** A synthetic catalog of `count` read tools, each with a realistic five-argument schema. */
function largeDefinitions(count, upstream) {
  const base = testDefinitions(upstream);
  const template = base.tools.find((tool) => tool.name === "project-whoami");
  const tools = Array.from({ length: count }, (_, index) => ({
    ...template,
    name: `resource${String(index).padStart(4, "0")}-list`,
    title: `List resource ${index}`,
    description: `Lists resource ${index} with filters for search, status, owner and pagination. Returns a page of results.`,
    feature: `feature${index % 40}`,
    category: `feature${index % 40}`,
    inputSchema: {
      type: "object",
      properties: {
        search: { type: "string", description: "Text to search for in names and descriptions." },
        status: {
          type: "string",
          enum: ["active", "draft", "archived"],
          description: "Only items in this status.",
        },
        owner: { type: "integer", description: "Only items owned by this user id." },
        limit: { type: "integer", minimum: 1, maximum: 100, description: "Page size." },
        offset: { type: "integer", minimum: 0, description: "Items to skip." },
      },
    },
  }));
  return parseToolDefinitions({ ...base, tools });
}

async function callOverhead(upstream, url) {
  const client = await connectHttp(url, "admin");
  const direct = [];
  const through = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    direct.push(
      await timed(async () => {
        const response = await fetch(`${upstream.url}/api/whoami`, {
          headers: { authorization: "Bearer admin" },
        });
        await response.json();
      }),
    );
    through.push(await timed(() => client.callTool({ name: "project-whoami", arguments: {} })));
  }
  await client.close();
  const row = (label, values) => [label, ms(percentile(values, 50)), ms(percentile(values, 99))];
  return {
    rows: [
      row("GET /api/whoami straight to the upstream", direct),
      row("tools/call project-whoami through the server", through),
    ],
    addedMedian: percentile(through, 50) - percentile(direct, 50),
    addedP99: percentile(through, 99) - percentile(direct, 99),
  };
}

async function listCost(url, query) {
  const client = await connectHttp(url, "admin", { query });
  let bytes = 0;
  let count = 0;
  const times = [];
  for (let round = 0; round < 50; round += 1) {
    times.push(
      await timed(async () => {
        const { tools } = await client.listTools();
        bytes = JSON.stringify({ tools }).length;
        count = tools.length;
      }),
    );
  }
  await client.close();
  return { bytes, count, median: percentile(times, 50), p99: percentile(times, 99) };
}

/** Spawns the serve CLI (through tsx, as in development) and times start → first tools/list answer. */
async function coldStart(catalogFile) {
  const started = process.hrtime.bigint();
  const child = spawn(
    join(packageRoot, "node_modules", ".bin", "tsx"),
    [
      "--conditions=@toolwright/source",
      join(packageRoot, "src", "cli", "bin.ts"),
      "--catalog",
      catalogFile,
      "--port",
      "0",
      "--scopes",
      "*",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const url = await new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (chunk) => {
      output += chunk;
      const match = /at (http:\/\/\S+\/mcp)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once("exit", () => reject(new Error(output)));
  });
  const client = await connectHttp(url, undefined);
  const { tools } = await client.listTools();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await client.close();
  child.kill("SIGTERM");
  return { elapsed, tools: tools.length };
}

const upstream = await startUpstream();
const folder = await mkdtemp(join(tmpdir(), "toolwright-bench-"));
try {
  const small = await serveHttp({
    catalog: createCatalog({ definitions: testDefinitions(upstream.url) }),
    port: 0,
    logger: quiet,
  });
  const large = largeDefinitions(1_200, upstream.url);
  const big = await serveHttp({ catalog: createCatalog({ definitions: large }), port: 0, logger: quiet });
  const overhead = await callOverhead(upstream, small.url);
  const lists = [
    ["test catalog, full", await listCost(small.url, {})],
    ["synthetic 1,200-tool catalog, full", await listCost(big.url, {})],
    ["synthetic 1,200-tool catalog, compact", await listCost(big.url, { mode: "compact" })],
  ];
  await small.close();
  await big.close();
  const catalogFile = join(folder, "tool-definitions.json");
  await writeFile(catalogFile, JSON.stringify(large));
  const cold = [];
  for (let round = 0; round < 3; round += 1) cold.push((await coldStart(catalogFile)).elapsed);

  const markdown = [
    `Loopback, one client, sequential calls (${ROUNDS} rounds each, interleaved), stateless HTTP: every`,
    "request builds a fresh MCP server, resolves the key (cached) and calls the upstream with it.",
    "",
    table(["Request", "median ms", "p99 ms"], overhead.rows),
    "",
    `Added by the server: median ${ms(overhead.addedMedian)} ms, p99 ${ms(overhead.addedP99)} ms.`,
    "",
    table(
      ["tools/list (admin key)", "tools listed", "bytes", "median ms", "p99 ms"],
      lists.map(([label, cost]) => [
        label,
        String(cost.count),
        String(cost.bytes),
        ms(cost.median),
        ms(cost.p99),
      ]),
    ),
    "",
    `Cold start of \`toolwright-serve\` (via tsx from source) to the first tools/list answer with 1,200 tools: median ${ms(percentile(cold, 50))} ms of 3 runs.`,
  ].join("\n");
  writeBenchSection("server", "@toolwright/server", "pnpm --filter @toolwright/server bench", markdown);
  process.stdout.write(`${markdown}\n`);
} finally {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
}
