// Three demo MCP server processes behind a real nginx, sharing a real redis-server, in front of one
// demo API; N SDK clients through nginx for a bounded time while one replica is killed and restarted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { DEMO_KEYS, seededRandom } from "@toolwright/demo-api";
import { startNginx } from "@toolwright/test-services/nginx";
import { freePort, startRedisServer } from "@toolwright/test-services/redis-server";
import { apiRequest } from "@toolwright/testkit/demo-api-client.ts";
import { appProcess, replicaProcess } from "@toolwright/testkit/replica-process.ts";

export interface ReplicasLoadOptions {
  clients: number;
  seconds: number;
  seed?: number;
}

/** One HTTP exchange as the clients' fetch saw it. */
interface Exchange {
  start: number;
  end: number;
  method: string;
  status: number | null;
  servedBy: string;
  error: string | null;
}

/** One MCP request (a call, a list, a ping) and how it ended. */
interface Outcome {
  operation: string;
  start: number;
  end: number;
  error: string | null;
}

export interface ReplicasLoadResult {
  clients: number;
  seconds: number;
  requests: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests that threw (the SDK saw no JSON-RPC answer) or got an unexpected result. */
  errors: Outcome[];
  /** HTTP exchanges that failed (not 2xx, or no response), with the replica nginx named. */
  failedExchanges: Exchange[];
  killedPort: number;
  /** When SIGKILL was sent, and when the process was seen gone (performance.now()). */
  killedAt: number;
  diedAt: number;
  restartedAt: number;
  /** Exchanges the restarted replica answered after it was back. */
  servedAfterRestart: number;
  tokens: { prepared: number; redemptionAttempts: number; redeemed: number; redeemedTwice: number };
  alertsDeleted: number;
  channels: { succeeded: number; refusedByGuard: number; refusedByUpstream: number; other: number };
  /** Texts of channel results that were neither a success nor a rate-limit refusal. */
  otherChannelTexts: string[];
  replicaOutput: string[];
}

const textOf = (result: CallToolResult) =>
  result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** An SDK client through nginx whose fetch records every exchange with the replica that served it. */
async function recordingClient(url: string, key: string, exchanges: Exchange[]): Promise<Client> {
  const recording: typeof fetch = async (input, init) => {
    const exchange: Exchange = {
      start: performance.now(),
      end: 0,
      method: init?.method ?? "GET",
      status: null,
      servedBy: "",
      error: null,
    };
    exchanges.push(exchange);
    try {
      const response = await fetch(input, init);
      exchange.status = response.status;
      exchange.servedBy = response.headers.get("x-served-by") ?? "";
      exchange.end = performance.now();
      return response;
    } catch (error) {
      exchange.error = error instanceof Error ? error.message : String(error);
      exchange.end = performance.now();
      throw error;
    }
  };
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: recording,
  });
  const client = new Client({ name: "toolwright-replicas-load", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

/** Alerts to delete through confirmation races, created straight at the API. */
async function createAlerts(apiUrl: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const answer = await apiRequest<{ id: number }>(apiUrl, DEMO_KEYS.admin.key, "POST", "/api/alerts", {
      insight_id: 1,
      name: `load alert ${index}`,
      subscribed_users: [1],
      threshold: { type: "absolute", bounds: { lower: 1 } },
    });
    if (answer.status !== 201) throw new Error(`creating an alert answered ${answer.status}`);
    ids.push(answer.body.id);
  }
  return ids;
}

async function alertsLeft(apiUrl: string, ids: readonly number[]): Promise<number> {
  let left = 0;
  for (const id of ids) {
    if ((await apiRequest(apiUrl, DEMO_KEYS.admin.key, "GET", `/api/alerts/${id}`)).status === 200) left++;
  }
  return left;
}

type Step = (client: Client, record: (outcome: Outcome) => void) => Promise<void>;

/** Runs one MCP request, timing it; `check` says whether the result is what a correct server answers. */
async function timed(
  record: (outcome: Outcome) => void,
  operation: string,
  run: () => Promise<unknown>,
  check: (value: unknown) => string | null = () => null,
): Promise<unknown> {
  const start = performance.now();
  try {
    const value = await run();
    record({ operation, start, end: performance.now(), error: check(value) });
    return value;
  } catch (error) {
    record({
      operation,
      start,
      end: performance.now(),
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

const succeeded = (value: unknown) => {
  const result = value as CallToolResult;
  return result.isError ? `unexpected isError: ${textOf(result).slice(0, 200)}` : null;
};

/** Runs the load and returns everything measured; stops every process it started. */
export async function runReplicasLoad(options: ReplicasLoadOptions): Promise<ReplicasLoadResult> {
  const directory = mkdtempSync(join(tmpdir(), "toolwright-replicas-"));
  const redis = await startRedisServer();
  // The demo API in its own process too, so the clients' event loop does not slow it down.
  const apiPort = await freePort();
  const apiProcess = appProcess("demo-api", apiPort, {
    DEMO_API_PORT: String(apiPort),
    DEMO_API_DB: join(directory, "demo.db"),
  });
  const api = { url: `http://127.0.0.1:${apiPort}` };
  const ports = [await freePort(), await freePort(), await freePort()];
  const replicas = ports.map((port) => replicaProcess(port, api.url, { TOOLWRIGHT_REDIS_URL: redis.url }));
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  const clients: Client[] = [];
  try {
    await apiProcess.start();
    await Promise.all(replicas.map((replica) => replica.start()));
    nginx = await startNginx(ports);
    const pool = await createAlerts(api.url, 400);
    const exchanges: Exchange[] = [];
    const outcomes: Outcome[] = [];
    const record = (outcome: Outcome) => outcomes.push(outcome);
    const tokens = { prepared: 0, redemptionAttempts: 0, redeemed: 0, redeemedTwice: 0 };
    const channels = { succeeded: 0, refusedByGuard: 0, refusedByUpstream: 0, other: 0 };
    const otherChannelTexts: string[] = [];
    let nextAlert = 0;

    const confirmRace: Step = async (client, log) => {
      const id = pool[nextAlert++];
      if (id === undefined) return;
      const prepared = (await timed(log, "alert-delete (prepare)", () =>
        client.callTool({ name: "alert-delete", arguments: { id } }),
      )) as CallToolResult | undefined;
      const token = prepared && /confirmation_token="([^"]+)"/.exec(textOf(prepared))?.[1];
      if (!token) return;
      tokens.prepared++;
      // Three redemptions of the same token at once: nginx spreads them over the replicas.
      const results = await Promise.all(
        [0, 1, 2].map(() =>
          timed(log, "alert-delete (redeem)", () =>
            client.callTool({ name: "alert-delete", arguments: { confirmation_token: token } }),
          ),
        ),
      );
      tokens.redemptionAttempts += 3;
      const wins = results.filter((result) => result && !(result as CallToolResult).isError).length;
      tokens.redeemed += wins;
      if (wins > 1) tokens.redeemedTwice++;
      for (const result of results) {
        const text = result ? textOf(result as CallToolResult) : "";
        if (result && (result as CallToolResult).isError && !text.includes("already used")) {
          log({
            operation: "alert-delete (redeem)",
            start: 0,
            end: 0,
            error: `unexpected: ${text.slice(0, 200)}`,
          });
        }
      }
    };
    const channelListing: Step = async (client, log) => {
      const result = (await timed(log, "integrations-channels-retrieve", () =>
        client.callTool({ name: "integrations-channels-retrieve", arguments: { id: 1 } }),
      )) as CallToolResult | undefined;
      if (!result) return;
      const text = textOf(result);
      if (!result.isError) channels.succeeded++;
      else if (text.includes("rate_limit guard") && /Retry in \d+ s/.test(text)) channels.refusedByGuard++;
      else if (text.includes("HTTP 429")) channels.refusedByUpstream++;
      else {
        channels.other++;
        if (otherChannelTexts.length < 5) otherChannelTexts.push(text.slice(0, 300));
      }
    };
    const read =
      (name: string, args: Record<string, unknown>): Step =>
      async (client, log) => {
        await timed(log, name, () => client.callTool({ name, arguments: args }), succeeded);
      };
    const steps: Array<[number, Step]> = [
      [20, async (client, log) => void (await timed(log, "tools/list", () => client.listTools()))],
      [15, read("persons-list", { limit: 20 })],
      [15, read("workflows-get", { id: 1 })],
      [10, read("whoami", {})],
      [10, read("insights-list", {})],
      [5, async (client, log) => void (await timed(log, "ping", () => client.ping()))],
      [10, channelListing],
      [15, confirmRace],
    ];
    const totalWeight = steps.reduce((sum, [weight]) => sum + weight, 0);
    const pick = (next: () => number): Step => {
      let roll = next() * totalWeight;
      for (const [weight, step] of steps) {
        roll -= weight;
        if (roll < 0) return step;
      }
      return steps[0]?.[1] as Step;
    };

    for (let index = 0; index < options.clients; index++) {
      clients.push(await recordingClient(nginx.url, DEMO_KEYS.admin.key, exchanges));
    }
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    const victim = replicas[0];
    let killedAt = 0;
    let diedAt = 0;
    let restartedAt = 0;
    // A quarter into the run one replica is SIGKILLed (whatever it was doing is lost) and started again.
    const chaos = (async () => {
      await new Promise((resolve) => setTimeout(resolve, (options.seconds * 1000) / 4));
      killedAt = performance.now();
      await victim?.kill();
      diedAt = performance.now();
      await victim?.start();
      restartedAt = performance.now();
    })();
    await Promise.all(
      clients.map(async (client, index) => {
        const next = seededRandom((options.seed ?? 11) + index);
        while (performance.now() < deadline) await pick(next)(client, record);
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    // Throughput and latency are the timed run's; the phases below only check behaviour.
    const timedRun = outcomes.filter((outcome) => outcome.end > 0);
    await chaos;
    // However slowly the replica came back: a few requests from every client, so it gets its share.
    await Promise.all(
      clients.map(async (client) => {
        for (let index = 0; index < 4; index++) await timed(record, "tools/list", () => client.listTools());
      }),
    );
    // However fast the machine was, make the channel listing's budget run out: one listing from every
    // client at once, spread over the three replicas by nginx.
    await Promise.all(clients.map((client) => channelListing(client, record)));
    await Promise.all(clients.splice(0).map((client) => client.close()));

    const requests = timedRun;
    const latencies = requests.map((outcome) => outcome.end - outcome.start).sort((a, b) => a - b);
    const victimAddress = `127.0.0.1:${ports[0]}`;
    return {
      clients: options.clients,
      seconds: options.seconds,
      requests: requests.length,
      throughput: round(requests.length / elapsed),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1) ?? 0),
      errors: outcomes.filter((outcome) => outcome.error !== null),
      failedExchanges: exchanges.filter(
        (exchange) =>
          exchange.method === "POST" &&
          (exchange.error !== null || exchange.status === null || exchange.status >= 300),
      ),
      killedPort: ports[0] as number,
      killedAt,
      diedAt,
      restartedAt,
      servedAfterRestart: exchanges.filter(
        (exchange) =>
          exchange.start > restartedAt && exchange.servedBy === victimAddress && exchange.status === 200,
      ).length,
      tokens,
      alertsDeleted: pool.length - (await alertsLeft(api.url, pool)),
      channels,
      otherChannelTexts,
      replicaOutput: replicas.map((replica) => replica.output()),
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await nginx?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await apiProcess.stop();
    await redis.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
