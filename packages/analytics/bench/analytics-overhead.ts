// `pnpm bench`: the overhead of analytics on an MCP tool call. One harness, one run, three variants,
// each in a fresh process: (a) bare, (b) @toolwright/analytics, (c) @posthog/mcp + posthog-node.
// Both instrumented variants send to the same local capture server on 127.0.0.1.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { percentile, table, writeBenchSection } from "@toolwright/bench";

const CALLS = 5000;
const WARMUP = 500;
const packageDir = join(import.meta.dirname, "..");
const tsx = join(packageDir, "node_modules", ".bin", "tsx");

interface VariantResult {
  variant: string;
  durations: number[];
  cpuMs: number;
  callsWallMs: number;
  totalWallMs: number;
}

async function startCaptureServer() {
  const child = spawn(process.execPath, [join(import.meta.dirname, "capture-server.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  return { child, host: `http://127.0.0.1:${port}` };
}

function runVariant(variant: string, host: string): VariantResult {
  const output = execFileSync(
    tsx,
    [
      "--conditions=@toolwright/source",
      join(import.meta.dirname, "run-variant.ts"),
      variant,
      host,
      String(CALLS),
      String(WARMUP),
    ],
    { cwd: packageDir, encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as VariantResult;
}

async function stats(host: string): Promise<{ events: number; requests: number }> {
  return (await fetch(`${host}/stats`)).json() as Promise<{ events: number; requests: number }>;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const VARIANTS = ["bare", "toolwright", "posthog"] as const;
const ROUNDS = 3;
const LABELS: Record<string, string> = {
  bare: "(a) bare McpServer",
  toolwright: "(b) @toolwright/analytics",
  posthog: "(c) @posthog/mcp + posthog-node",
};

// Rounds interleave the variants so that background load on a shared machine hits them alike.
const capture = await startCaptureServer();
const runs: Record<string, { result: VariantResult; events: number }[]> = {
  bare: [],
  toolwright: [],
  posthog: [],
};
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of VARIANTS) {
    const before = await stats(capture.host);
    const result = runVariant(variant, capture.host);
    const after = await stats(capture.host);
    runs[variant]?.push({ result, events: after.events - before.events });
  }
}
capture.child.kill("SIGTERM");

const middle = (values: number[]) => percentile(values, 50);
interface Summary {
  medianUs: number;
  p99Us: number;
  cpuMs: number;
  events: number;
}
const summarize = (variant: string): Summary => {
  const variantRuns = runs[variant] ?? [];
  return {
    medianUs: middle(variantRuns.map((run) => percentile(run.result.durations, 50) * 1000)),
    p99Us: middle(variantRuns.map((run) => percentile(run.result.durations, 99) * 1000)),
    cpuMs: middle(variantRuns.map((run) => run.result.cpuMs)),
    events: Math.min(...variantRuns.map((run) => run.events)),
  };
};
const bare = summarize("bare");
const ours = summarize("toolwright");
const theirs = summarize("posthog");
const rows = VARIANTS.map((variant) => {
  const summary = summarize(variant);
  const isBare = variant === "bare";
  return [
    LABELS[variant] ?? variant,
    round(summary.medianUs),
    round(summary.p99Us),
    isBare ? "–" : round(summary.medianUs - bare.medianUs),
    isBare ? "–" : round(summary.p99Us - bare.p99Us),
    Math.round(summary.cpuMs),
    isBare ? "–" : Math.round(summary.cpuMs - bare.cpuMs),
    summary.events,
  ];
});
const medianRatio = (ours.medianUs - bare.medianUs) / (theirs.medianUs - bare.medianUs);
const cpuRatio = ours.cpuMs / theirs.cpuMs;
const addedCpuRatio = (ours.cpuMs - bare.cpuMs) / (theirs.cpuMs - bare.cpuMs);
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
const markdown = [
  `${CALLS} sequential \`tools/call\` requests (after ${WARMUP} warm-up calls) from the official SDK 1.x client to an`,
  "`McpServer` with one trivial tool over `InMemoryTransport`, each variant in a fresh Node process. Both",
  "instrumented variants use their default options and send to the same local capture server on 127.0.0.1",
  "(a separate process, so its CPU is not counted). CPU is `process.cpuUsage()` from the first timed call",
  "until the variant's queue is drained (`handle.shutdown()` / `posthog.shutdown()`).",
  `The ${ROUNDS} rounds interleave the variants; each figure is the median over rounds. "events received"`,
  "counts what reached the capture server in one round (calls + warm-up + initialize + tools/list).",
  "",
  table(
    [
      "variant",
      "median µs",
      "p99 µs",
      "added median µs",
      "added p99 µs",
      "CPU ms",
      "added CPU ms",
      "events received",
    ],
    rows,
  ),
  "",
  `- Goal: our added median at most 1/5 of @posthog/mcp's — ratio ${round(medianRatio, 2)}: ${verdict(medianRatio <= 0.2)}.`,
  `- Goal: our total CPU at most 1/2 of @posthog/mcp's — ratio ${round(cpuRatio, 2)}: ${verdict(cpuRatio <= 0.5)} (CPU added over bare: ratio ${round(addedCpuRatio, 2)}).`,
].join("\n");

writeBenchSection(
  "analytics",
  "Analytics overhead per tool call (@toolwright/analytics)",
  "pnpm --filter @toolwright/analytics bench",
  markdown,
);
process.stdout.write(`${markdown}\n`);
