// `pnpm bench`: the overhead of analytics on an MCP tool call. One harness, one run, three variants,
// each in a fresh process: (a) bare, (b) @toolwright/analytics, (c) @posthog/mcp + posthog-node.
// Both instrumented variants send to the same local capture server on 127.0.0.1.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { percentile, table, writeBenchSection } from "@toolwright/bench";

const CALLS = 3000;
const WARMUP = 500;
const packageDir = join(import.meta.dirname, "..");
const tsx = join(packageDir, "node_modules", ".bin", "tsx");

interface VariantResult {
  variant: string;
  durations: number[];
  cpuMs: number;
  callsWallMs: number;
  totalWallMs: number;
  peakRssMb: number;
}

const SCENARIOS = ["trivial", "realistic"] as const;
type Scenario = (typeof SCENARIOS)[number];

async function startCaptureServer() {
  const child = spawn(process.execPath, [join(import.meta.dirname, "capture-server.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  return { child, host: `http://127.0.0.1:${port}` };
}

function runVariant(variant: string, host: string, scenario: Scenario): VariantResult {
  const output = execFileSync(
    tsx,
    [
      "--conditions=@toolwright/source",
      join(import.meta.dirname, "run-variant.ts"),
      variant,
      host,
      String(CALLS),
      String(WARMUP),
      scenario,
    ],
    { cwd: packageDir, encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as VariantResult;
}

// A fresh connection per query: a kept-alive one may have been closed by the server meanwhile.
async function stats(host: string): Promise<{ events: number; requests: number }> {
  const response = await fetch(`${host}/stats`, { headers: { connection: "close" } });
  return (await response.json()) as { events: number; requests: number };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const VARIANTS = ["bare", "toolwright", "posthog"] as const;
const ROUNDS = 3;
const LABELS: Record<string, string> = {
  bare: "(a) bare McpServer",
  toolwright: "(b) @toolwright/analytics",
  posthog: "(c) @posthog/mcp + posthog-node",
};

// Rounds interleave the variants so that background load on a shared machine hits them alike; the
// figures of one round are compared with each other (paired), and the ratios' median is reported.
const capture = await startCaptureServer();
type Run = { result: VariantResult; events: number };
const runs = new Map<string, Run[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const scenario of SCENARIOS) {
    for (const variant of VARIANTS) {
      const before = await stats(capture.host);
      const result = runVariant(variant, capture.host, scenario);
      const after = await stats(capture.host);
      const key = `${scenario}/${variant}`;
      runs.set(key, [...(runs.get(key) ?? []), { result, events: after.events - before.events }]);
    }
  }
}
capture.child.kill("SIGTERM");

const median = (values: number[]) => percentile(values, 50);
interface RoundFigures {
  medianUs: number;
  p99Us: number;
  cpuUsPerCall: number;
  peakRssMb: number;
  events: number;
}
const figuresOf = (run: Run): RoundFigures => ({
  medianUs: percentile(run.result.durations, 50) * 1000,
  p99Us: percentile(run.result.durations, 99) * 1000,
  cpuUsPerCall: (run.result.cpuMs * 1000) / CALLS,
  peakRssMb: run.result.peakRssMb,
  events: run.events,
});
const roundsOf = (scenario: Scenario, variant: string) =>
  (runs.get(`${scenario}/${variant}`) ?? []).map(figuresOf);
const pairedRatio = (
  scenario: Scenario,
  of: (ours: RoundFigures, theirs: RoundFigures, bare: RoundFigures) => number,
) => {
  const bare = roundsOf(scenario, "bare");
  const ours = roundsOf(scenario, "toolwright");
  const theirs = roundsOf(scenario, "posthog");
  return median(
    bare.map((bareRound, index) => of(ours[index] as RoundFigures, theirs[index] as RoundFigures, bareRound)),
  );
};

function scenarioSection(scenario: Scenario): string {
  const bare = roundsOf(scenario, "bare");
  const rows = VARIANTS.map((variant) => {
    const rounds = roundsOf(scenario, variant);
    const isBare = variant === "bare";
    const added = (pick: (figures: RoundFigures) => number) =>
      isBare
        ? "–"
        : round(median(rounds.map((figures, index) => pick(figures) - pick(bare[index] as RoundFigures))));
    return [
      LABELS[variant] ?? variant,
      round(median(rounds.map((figures) => figures.medianUs))),
      round(median(rounds.map((figures) => figures.p99Us))),
      added((figures) => figures.medianUs),
      added((figures) => figures.p99Us),
      round(median(rounds.map((figures) => figures.cpuUsPerCall))),
      added((figures) => figures.cpuUsPerCall),
      round(median(rounds.map((figures) => figures.peakRssMb))),
      Math.min(...rounds.map((figures) => figures.events)),
    ];
  });
  const addedMedian = pairedRatio(
    scenario,
    (ours, theirs, bare) => (ours.medianUs - bare.medianUs) / (theirs.medianUs - bare.medianUs),
  );
  const addedP99 = pairedRatio(
    scenario,
    (ours, theirs, bare) => (ours.p99Us - bare.p99Us) / (theirs.p99Us - bare.p99Us),
  );
  const cpu = pairedRatio(scenario, (ours, theirs) => ours.cpuUsPerCall / theirs.cpuUsPerCall);
  const addedCpu = pairedRatio(
    scenario,
    (ours, theirs, bare) =>
      (ours.cpuUsPerCall - bare.cpuUsPerCall) / (theirs.cpuUsPerCall - bare.cpuUsPerCall),
  );
  const memory = pairedRatio(scenario, (ours, theirs) => ours.peakRssMb / theirs.peakRssMb);
  const title =
    scenario === "trivial"
      ? "**Trivial tool** (echoes one word, never yields: the sender runs only after the timed loop)"
      : "**Realistic tool** (a page of 25 persons, about 8 kB of JSON with e-mails and URLs, returned after yielding to the event loop: the sender batches, redacts and posts during the timed loop)";
  return [
    title,
    "",
    table(
      [
        "variant",
        "median µs",
        "p99 µs",
        "added median µs",
        "added p99 µs",
        "CPU µs/call",
        "added CPU µs/call",
        "peak RSS MiB",
        "events received",
      ],
      rows,
    ),
    "",
    `Paired per-round ratios, ours / @posthog/mcp (median of ${ROUNDS} rounds): added median latency **${round(addedMedian, 2)}**, added p99 ${round(addedP99, 2)}, CPU per call including delivery **${round(cpu, 2)}** (added over bare ${round(addedCpu, 2)}), peak RSS **${round(memory, 2)}**.`,
  ].join("\n");
}

const markdown = [
  `${CALLS} sequential \`tools/call\` requests (after ${WARMUP} warm-up calls) from the official SDK 1.x client to an`,
  "`McpServer` with one tool over `InMemoryTransport`, each variant in a fresh Node process. Both",
  "instrumented variants use their default options (results recorded, so the realistic scenario",
  "redacts every result) and send to the same local capture server on 127.0.0.1 (a separate process,",
  "so its CPU is not counted). CPU is `process.cpuUsage()` from the first timed call until the",
  "variant's queue is drained (`handle.shutdown()` / `posthog.shutdown()`), divided by the calls: it",
  "includes delivery. Peak RSS is `process.resourceUsage().maxRSS` of the variant's process.",
  `The ${ROUNDS} rounds interleave scenarios and variants; table figures are medians over rounds,`,
  'ratios are computed within each round and their median reported. "events received" counts what',
  "reached the capture server in one round (calls + warm-up + initialize + tools/list, plus the",
  "`$exception` and `$identify` events a variant sends).",
  "",
  ...SCENARIOS.flatMap((scenario) => [scenarioSection(scenario), ""]),
].join("\n");

writeBenchSection(
  "analytics",
  "Analytics overhead per tool call (@toolwright/analytics)",
  "pnpm --filter @toolwright/analytics bench",
  markdown,
);
process.stdout.write(`${markdown}\n`);
