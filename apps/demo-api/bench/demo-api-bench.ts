// Measures the demo API: start-up (fresh and existing database) and request latency through the full
// stack (auth, scopes, validation, guards, SQLite), then writes its section of docs/benchmarks.md.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile, table, writeBenchSection } from "@toolwright/bench";
import { startDemoApi } from "../src/index.js";

const STARTS = 5;
const REQUESTS = 300;
const CONCURRENCY = 16;
const AUTH = { authorization: "Bearer tw_demo_admin", "content-type": "application/json" };

async function timed<Result>(action: () => Promise<Result>): Promise<[number, Result]> {
  const started = performance.now();
  const result = await action();
  return [performance.now() - started, result];
}

async function startTimes(folder: string) {
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let run = 0; run < STARTS; run++) {
    const dbPath = join(folder, `start-${run}.db`);
    const [coldMs, cold] = await timed(() => startDemoApi({ port: 0, dbPath }));
    await cold.close();
    const [warmMs, warm] = await timed(() => startDemoApi({ port: 0, dbPath }));
    await warm.close();
    fresh.push(coldMs);
    existing.push(warmMs);
  }
  return { fresh, existing };
}

async function latency(url: string, method: string, path: string, body?: unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < REQUESTS; index++) {
    const [ms, response] = await timed(() =>
      fetch(`${url}${path}`, {
        method,
        headers: AUTH,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    samples.push(ms);
  }
  return samples;
}

async function throughput(url: string, path: string): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS * 4) {
      next++;
      const response = await fetch(`${url}${path}`, { headers: AUTH });
      await response.arrayBuffer();
    }
  };
  const [ms] = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  return (REQUESTS * 4) / (ms / 1000);
}

const format = (ms: number) => ms.toFixed(2);

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "demo-api-bench-"));
  try {
    const starts = await startTimes(folder);
    const api = await startDemoApi({ port: 0, dbPath: join(folder, "requests.db") });
    const affected = (
      (await (
        await fetch(`${api.url}/api/workflows/1/blast_radius`, { method: "POST", headers: AUTH })
      ).json()) as {
        affected: number;
      }
    ).affected;
    const cases: Array<[string, number[]]> = [
      ["GET /api/persons?limit=100", await latency(api.url, "GET", "/api/persons?limit=100")],
      ["GET /api/cohorts (member counts)", await latency(api.url, "GET", "/api/cohorts")],
      ["POST /api/workflows/1/blast_radius", await latency(api.url, "POST", "/api/workflows/1/blast_radius")],
      [
        "POST /api/workflows/1/batch_jobs (3 guards)",
        await latency(api.url, "POST", "/api/workflows/1/batch_jobs", {
          acknowledged_affected_count: affected,
        }),
      ],
    ];
    const requestsPerSecond = await throughput(api.url, "/api/workflows/1");
    await api.close();
    const markdown = [
      table(
        ["Start-up", "median ms", "max ms"],
        [
          [
            "fresh database (migrate + seed)",
            format(percentile(starts.fresh, 50)),
            format(Math.max(...starts.fresh)),
          ],
          [
            "existing database",
            format(percentile(starts.existing, 50)),
            format(Math.max(...starts.existing)),
          ],
        ],
      ),
      "",
      table(
        [`Request (${REQUESTS} sequential)`, "p50 ms", "p95 ms", "p99 ms"],
        cases.map(([name, samples]) => [
          name,
          format(percentile(samples, 50)),
          format(percentile(samples, 95)),
          format(percentile(samples, 99)),
        ]),
      ),
      "",
      `Throughput, GET /api/workflows/1 with ${CONCURRENCY} concurrent clients: ${Math.round(requestsPerSecond)} requests/s.`,
    ].join("\n");
    writeBenchSection(
      "demo-api",
      "Demo API (@toolwright/demo-api)",
      "pnpm --filter @toolwright/demo-api bench",
      markdown,
    );
    console.log(markdown);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
