// Toolwright's server against the API behind it and against its peers, in one run.
//
// Every server runs as its own process in front of the same demo API process (fresh SQLite file),
// and answers a `tools/call` of `persons-list` with the demo reader key:
//   - the demo API called directly (the same GET, the floor);
//   - Toolwright, the demo MCP server as its image runs it (built dist, the Node flags of the
//     Dockerfile's CMD), analytics on (JSONL) and off;
//   - a thin server on SDK 1.x (stateless Streamable HTTP, JSON), a thin server on SDK 2.x
//     (`createMcpHandler`), FastMCP (stateless, JSON): one tool each that forwards the same GET.
//     The thin SDK 1.x server runs twice: as it is, and with Toolwright's Node flags, so neither
//     comparison rests on a setting only one side has.
//   - for reference, a bare Node proxy with no MCP library: the cost of the hop itself.
// Rounds are interleaved (each round measures every server, in a rotating order), after one
// unmeasured warm-up round of the same shape: a fresh process spends its first seconds of load on
// JIT compilation and heap growth, which a server that runs for hours does not. Per server and
// round: the median of 200 sequential calls at 1 client, then 50 clients for 6 s (calls per second,
// p99); CPU per 1 000 calls from /proc/<pid>/stat (server and API), peak RSS from /proc/<pid>/status.
// The load generator posts raw JSON-RPC over keep-alive sockets and checks every answer.
//
// Run: pnpm --filter @toolwright/server bench (everything), or
//      pnpm --filter @toolwright/server-bench bench:peers (this section only).
// Profile: BENCH_PROFILE=1 pnpm --filter @toolwright/server-bench bench:peers runs Toolwright
// (analytics on) under --cpu-prof for 20 s at 50 clients and prints the top functions by self time.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile, table, writeBenchSection } from "@toolwright/bench";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEQUENTIAL_CALLS = 200;
const CONCURRENT_CLIENTS = 50;
const CONCURRENT_MS = 6_000;
const TIME_LIMIT_MS = 600_000;
const READER_KEY = "tw_demo_reader";
const PROTOCOL_VERSION = "2025-11-25";
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = (name) => dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)));
const demoApiMain = join(packageDir("@toolwright/demo-api"), "dist", "main.js");
const mcpServerMain = join(packageDir("@toolwright/mcp-server"), "dist", "main.js");

/** The Node flags the image starts the server with: the CMD's arguments between `node` and the script. */
function shippedNodeFlags() {
  const dockerfile = readFileSync(join(packageDir("@toolwright/mcp-server"), "Dockerfile"), "utf8");
  const cmd = dockerfile.split("\n").find((line) => line.startsWith("CMD ["));
  if (!cmd) throw new Error("apps/mcp-server/Dockerfile has no exec-form CMD line");
  return JSON.parse(cmd.slice("CMD ".length)).slice(1, -1);
}
const nodeFlags = shippedNodeFlags();

const children = new Set();
function killChildren() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
process.on("exit", killChildren);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}
setTimeout(() => {
  process.stderr.write(`peers bench: over ${TIME_LIMIT_MS / 1000} s, stopping.\n`);
  killChildren();
  process.exit(1);
}, TIME_LIMIT_MS).unref();

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a process and resolves once `isReady` matches its output (or rejects when it exits). */
function start(label, args, env, isReady) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      if (isReady(output)) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${label} exited ${code} before it was ready:\n${output}`)),
    );
  });
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

function peakRssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmHWM:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });
const CALL_BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "persons-list", arguments: {} },
});

/** One request; resolves with the answer's body, rejects on anything but a successful result. */
function request(target) {
  return new Promise((resolve, reject) => {
    const direct = target.kind === "direct";
    const outgoing = http.request(
      {
        agent,
        host: "127.0.0.1",
        port: target.port,
        method: direct ? "GET" : "POST",
        path: direct ? "/api/persons" : target.path,
        headers: direct
          ? { authorization: `Bearer ${READER_KEY}`, accept: "application/json" }
          : {
              authorization: `Bearer ${READER_KEY}`,
              accept: "application/json, text/event-stream",
              "content-type": "application/json",
              "mcp-protocol-version": PROTOCOL_VERSION,
              "content-length": Buffer.byteLength(CALL_BODY),
            },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const ok =
            response.statusCode === 200 &&
            (direct ? body.startsWith("{") : body.includes('"result"') && !body.includes('"isError":true'));
          if (ok) resolve(body);
          else reject(new Error(`${target.label}: ${response.statusCode} ${body.slice(0, 300)}`));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(direct ? undefined : CALL_BODY);
  });
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

async function sequential(target) {
  for (let warm = 0; warm < 20; warm += 1) await request(target);
  const samples = [];
  for (let call = 0; call < SEQUENTIAL_CALLS; call += 1) {
    const started = nowMs();
    await request(target);
    samples.push(nowMs() - started);
  }
  return percentile(samples, 50);
}

async function concurrent(target) {
  const latencies = [];
  const deadline = nowMs() + CONCURRENT_MS;
  const started = nowMs();
  const cpuBefore = cpuMs(target.pid);
  const apiBefore = cpuMs(target.apiPid);
  const worker = async () => {
    while (nowMs() < deadline) {
      const begun = nowMs();
      await request(target);
      latencies.push(nowMs() - begun);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CLIENTS }, worker));
  const seconds = (nowMs() - started) / 1000;
  const calls = latencies.length;
  return {
    perSecond: calls / seconds,
    p99: percentile(latencies, 99),
    cpuPer1k: ((cpuMs(target.pid) - cpuBefore) / calls) * 1000,
    apiCpuPer1k: ((cpuMs(target.apiPid) - apiBefore) / calls) * 1000,
  };
}

/**
 * The part of Toolwright's added latency that is JSON work in V8's built-ins, timed in this process on
 * the very bodies of the run: parsing the API's answer, serialising the shaped result as the text
 * content, escaping that text into the JSON-RPC answer and encoding it as UTF-8. Toolwright's own
 * shaping code (include paths, links, `next_arguments`) is left out, so this is a floor for any
 * server that returns the shaped list, not an estimate of Toolwright's work.
 */
function jsonWorkFloorMs(apiBody, toolwrightBody) {
  const text = JSON.parse(toolwrightBody).result.content[0].text;
  const shaped = JSON.parse(text);
  const once = () => {
    JSON.parse(apiBody);
    const serialised = JSON.stringify(shaped);
    const answer = JSON.stringify({
      result: { content: [{ type: "text", text: serialised }] },
      jsonrpc: "2.0",
      id: 1,
    });
    return Buffer.from(answer, "utf8").length;
  };
  for (let warm = 0; warm < 500; warm += 1) once();
  const samples = [];
  for (let sample = 0; sample < 1_000; sample += 1) {
    const started = nowMs();
    once();
    samples.push(nowMs() - started);
  }
  return {
    ms: percentile(samples, 50),
    apiBytes: Buffer.byteLength(apiBody),
    answerBytes: Buffer.byteLength(toolwrightBody),
  };
}

async function startServers(folder) {
  const apiPort = await freePort();
  const api = await start(
    "demo API",
    [demoApiMain],
    {
      DEMO_API_PORT: String(apiPort),
      DEMO_API_DB: join(folder, "demo.db"),
      DEMO_AUTH_PORT: String(await freePort()),
    },
    (output) => output.includes("listening on"),
  );
  const upstream = `http://127.0.0.1:${apiPort}`;
  const toolwright = async (label, analytics) => {
    const port = await freePort();
    const child = await start(
      label,
      [...nodeFlags, mcpServerMain],
      {
        TOOLWRIGHT_PORT: String(port),
        TOOLWRIGHT_UPSTREAM: upstream,
        TOOLWRIGHT_ANALYTICS: analytics ? "jsonl" : "off",
        TOOLWRIGHT_EVENTS_FILE: join(folder, `${port}-events.jsonl`),
      },
      (output) => output.includes(`127.0.0.1:${port}`),
    );
    return { label, kind: "mcp", port, path: "/mcp", pid: child.pid, child };
  };
  const peer = async (label, file, path, flags = []) => {
    const port = await freePort();
    const child = await start(
      label,
      [...flags, join(here, "peers", file)],
      { BENCH_PORT: String(port), BENCH_UPSTREAM: upstream },
      (output) => output.includes(`ready ${port}`),
    );
    return { label, kind: "mcp", port, path, pid: child.pid, child };
  };
  const targets = [
    { label: "the API called directly (the floor)", kind: "direct", port: apiPort, pid: api.pid, child: api },
    await toolwright("Toolwright, defaults (analytics on)", true),
    await toolwright("Toolwright, analytics off", false),
    await peer("thin server on SDK 1.x (stateless, JSON)", "thin-sdk1.mjs", "/mcp"),
    await peer(`thin server on SDK 1.x, with \`${nodeFlags.join(" ")}\``, "thin-sdk1.mjs", "/mcp", nodeFlags),
    await peer("thin server on SDK 2.x (`createMcpHandler`)", "thin-sdk2.mjs", "/mcp"),
    await peer("FastMCP (stateless, JSON)", "fastmcp.mjs", "/mcp"),
    // Last, and not a peer: the floor for anything between the agent and the API.
    await peer("reference: a bare Node proxy (no MCP library, no checks)", "bare-proxy.mjs", "/mcp"),
  ];
  for (const target of targets) target.apiPid = api.pid;
  return { api, targets };
}

/** Top functions by self time of a .cpuprofile, and the GC share. */
function summariseProfile(file) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const self = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    if (frame.functionName === "(idle)") continue;
    busy += node.hitCount;
    const where = frame.url
      .replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
      .replace(/.*\/(packages|apps)\//, "");
    const key = `${frame.functionName || "(anonymous)"} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + node.hitCount);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([key, hits]) => `${((100 * hits) / busy).toFixed(1).padStart(5)}%  ${key}`);
}

async function profileToolwright(folder) {
  const apiPort = await freePort();
  const api = await start(
    "demo API",
    [demoApiMain],
    {
      DEMO_API_PORT: String(apiPort),
      DEMO_API_DB: join(folder, "profile.db"),
      DEMO_AUTH_PORT: String(await freePort()),
    },
    (output) => output.includes("listening on"),
  );
  const port = await freePort();
  const profileDir = join(folder, "profile");
  const child = await start(
    "Toolwright under --cpu-prof",
    [...nodeFlags, "--cpu-prof", `--cpu-prof-dir=${profileDir}`, mcpServerMain],
    {
      TOOLWRIGHT_PORT: String(port),
      TOOLWRIGHT_UPSTREAM: `http://127.0.0.1:${apiPort}`,
      TOOLWRIGHT_ANALYTICS: "jsonl",
      TOOLWRIGHT_EVENTS_FILE: join(folder, "profile-events.jsonl"),
    },
    (output) => output.includes(`127.0.0.1:${port}`),
  );
  const target = { label: "Toolwright", kind: "mcp", port, path: "/mcp", pid: child.pid, apiPid: api.pid };
  await sequential(target);
  const saved = CONCURRENT_MS;
  const until = nowMs() + 20_000;
  while (nowMs() < until) await concurrent(target);
  await stop(child);
  await stop(api);
  const file = readdirSync(profileDir)
    .map((name) => join(profileDir, name))
    .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
  process.stdout.write(
    `Toolwright at ${CONCURRENT_CLIENTS} clients for 20 s (${saved} ms windows), self time:\n`,
  );
  const kept = join(tmpdir(), "toolwright-server-bench.cpuprofile");
  copyFileSync(file, kept);
  process.stdout.write(`${summariseProfile(kept).join("\n")}\n(profile kept at ${kept})\n`);
}

const folder = mkdtempSync(join(tmpdir(), "toolwright-peers-bench-"));
try {
  if (process.env.BENCH_PROFILE) {
    await profileToolwright(folder);
    process.exit(0);
  }
  const benchStarted = nowMs();
  const { api, targets } = await startServers(folder);
  const results = new Map(targets.map((target) => [target, { p50: [], rounds: [], warmUp: undefined }]));
  // Round -1 is the warm-up: measured like the others, kept apart, and reported only as a ratio.
  for (let round = -1; round < ROUNDS; round += 1) {
    for (let step = 0; step < targets.length; step += 1) {
      const target = targets[(round + 1 + step) % targets.length];
      const result = results.get(target);
      const p50 = await sequential(target);
      const measured = await concurrent(target);
      if (round < 0) {
        result.warmUp = measured;
        continue;
      }
      result.p50.push(p50);
      result.rounds.push(measured);
    }
  }
  const median = (values) => percentile(values, 50);
  const jsonFloor = jsonWorkFloorMs(await request(targets[0]), await request(targets[1]));
  const summary = targets.map((target) => {
    const { p50, rounds, warmUp } = results.get(target);
    return {
      target,
      warmUpCpuPer1k: warmUp.cpuPer1k,
      roundCpuPer1k: rounds.map((round) => round.cpuPer1k),
      p50: median(p50),
      perSecond: median(rounds.map((round) => round.perSecond)),
      p99: median(rounds.map((round) => round.p99)),
      cpuPer1k: median(rounds.map((round) => round.cpuPer1k)),
      apiCpuPer1k: median(rounds.map((round) => round.apiCpuPer1k)),
      rssMb: peakRssMb(target.pid),
    };
  });
  for (const target of targets.slice(1)) await stop(target.child);
  await stop(api);

  const [direct, toolwrightOn, toolwrightOff, ...others] = summary;
  const peers = others.slice(0, -1);
  const bareProxy = others.at(-1);
  // The thin SDK 1.x server with or without Toolwright's flags, whichever used less CPU per call.
  const thinSdk1 = peers[0].cpuPer1k <= peers[1].cpuPer1k ? peers[0] : peers[1];
  const bestPeer = peers.reduce((best, peer) => (peer.perSecond > best.perSecond ? peer : best));
  const fixed = (value, digits = 0) =>
    value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const rows = summary.map((row) => [
    row.target.label,
    `${fixed(row.p50, 2)} ms`,
    fixed(row.perSecond),
    `${fixed(row.p99)} ms`,
    row.target.kind === "direct" ? `${fixed(row.cpuPer1k)} ms (API)` : `${fixed(row.cpuPer1k)} ms`,
    row.target.kind === "direct" ? "" : `${fixed(row.apiCpuPer1k)} ms`,
    `${fixed(row.rssMb)} MB`,
  ]);
  const ratio = (a, b) => (a / b).toFixed(2);
  const goal = (met, text) => `- ${met ? "met" : "**not met**"}: ${text}`;
  const addedP50 = toolwrightOn.p50 - direct.p50;
  const goals = [
    goal(
      toolwrightOn.perSecond >= bestPeer.perSecond,
      `at ${CONCURRENT_CLIENTS} clients, Toolwright (analytics on) moves ${ratio(toolwrightOn.perSecond, bestPeer.perSecond)}× the best peer's calls (${bestPeer.target.label}); goal ≥ 1.00×.`,
    ),
    goal(
      toolwrightOn.perSecond >= 0.8 * direct.perSecond,
      `Toolwright (analytics on) moves ${ratio(toolwrightOn.perSecond, direct.perSecond)}× the direct call's calls per second; goal ≥ 0.80×.`,
    ),
    goal(
      toolwrightOn.cpuPer1k <= 0.8 * thinSdk1.cpuPer1k,
      `Toolwright (analytics on) uses ${ratio(toolwrightOn.cpuPer1k, thinSdk1.cpuPer1k)}× the CPU per call of the thin SDK 1.x server (${thinSdk1.target.label}); goal ≤ 0.80×.`,
    ),
    goal(
      addedP50 <= 0.5,
      `at 1 client Toolwright (analytics on) adds ${fixed(addedP50, 2)} ms to the direct call's median; goal ≤ 0.50 ms.`,
    ),
  ];
  const markdown = [
    "The load generator, the API and the servers share the machine.",
    `One run, ${ROUNDS} interleaved rounds (each round measures every row once, in a rotating order) after`,
    "one unmeasured warm-up round of the same shape; each",
    `figure is the median over the measured rounds. A \`tools/call\` of \`persons-list\` (no arguments) with the demo`,
    `reader key, protocol ${PROTOCOL_VERSION}, stateless; every server in front of the same demo API process.`,
    `1 client: median of ${SEQUENTIAL_CALLS} sequential calls. ${CONCURRENT_CLIENTS} clients: ${CONCURRENT_MS / 1000} s of calls over keep-alive`,
    "sockets. CPU per 1 000 calls from /proc (the server's, and the API's behind it). Every answer is",
    "checked: a failed call stops the bench. Toolwright answers the shaped list (include paths, links,",
    "`next_arguments`), the peers the API's body as it is. Toolwright runs with the Node flags its image",
    `uses (\`${nodeFlags.join(" ")}\`); the thin SDK 1.x server runs with and without them, and each goal`,
    "compares with the better of the two.",
    "",
    table(
      [
        "server",
        "1 client p50",
        `${CONCURRENT_CLIENTS} clients calls/s`,
        "p99",
        "CPU per 1k calls",
        "API CPU per 1k",
        "peak RSS",
      ],
      rows,
    ),
    "",
    `The unmeasured warm-up round (a fresh process compiles and grows its heap in its first seconds of load) against the measured median, CPU per call: Toolwright (analytics on) ${ratio(toolwrightOn.warmUpCpuPer1k, toolwrightOn.cpuPer1k)}×, the thin SDK 1.x server (${thinSdk1.target.label}) ${ratio(thinSdk1.warmUpCpuPer1k, thinSdk1.cpuPer1k)}×.`,
    `Toolwright (analytics on) against that server, CPU per call round by round: ${toolwrightOn.roundCpuPer1k.map((value, index) => ratio(value, thinSdk1.roundCpuPer1k[index])).join(", ")}× (each from one round; the spread is this machine's noise).`,
    "",
    `Analytics on vs off: ${ratio(toolwrightOn.perSecond, toolwrightOff.perSecond)}× the calls per second, ${ratio(toolwrightOn.cpuPer1k, toolwrightOff.cpuPer1k)}× the CPU per call.`,
    "",
    `The bare proxy (the last row) is the hop alone: it adds ${fixed(bareProxy.p50 - direct.p50, 2)} ms to the direct call's median at 1 client, moves ${ratio(bareProxy.perSecond, direct.perSecond)}× the direct call's calls per second at ${CONCURRENT_CLIENTS} clients and uses ${ratio(bareProxy.cpuPer1k, thinSdk1.cpuPer1k)}× the CPU per call of the thin SDK 1.x server. It is not counted as a peer.`,
    "",
    `Of the latency Toolwright adds at 1 client, the JSON work in V8's built-ins alone takes ${fixed(jsonFloor.ms, 2)} ms (median of 1 000 timings in the bench process on this run's bodies: parsing the API's ${fixed(jsonFloor.apiBytes / 1024, 1)} KB answer, serialising the shaped list, escaping it into the ${fixed(jsonFloor.answerBytes / 1024, 1)} KB JSON-RPC answer and encoding that as UTF-8; Toolwright's own shaping code not counted). With the bare hop's ${fixed(bareProxy.p50 - direct.p50, 2)} ms that is ${fixed(jsonFloor.ms + bareProxy.p50 - direct.p50, 2)} ms before any MCP, HTTP or shaping work, against the 0.50 ms goal.`,
    "",
    "Goals (issue 16), from this run:",
    "",
    ...goals,
    "",
    `With analytics off, the same run gives ${ratio(toolwrightOff.perSecond, bestPeer.perSecond)}× the best peer's calls, ${ratio(toolwrightOff.perSecond, direct.perSecond)}× the direct call's, ${ratio(toolwrightOff.cpuPer1k, thinSdk1.cpuPer1k)}× the thin SDK 1.x server's CPU per call and ${fixed(toolwrightOff.p50 - direct.p50, 2)} ms added at 1 client.`,
  ].join("\n");
  writeBenchSection(
    "server-peers",
    "@toolwright/server against the API and its peers",
    "pnpm --filter @toolwright/server bench",
    markdown,
  );
  process.stdout.write(
    `${markdown}\n\n(peers bench took ${((nowMs() - benchStarted) / 1000).toFixed(1)} s)\n`,
  );
} finally {
  agent.destroy();
  killChildren();
  rmSync(folder, { recursive: true, force: true });
}
