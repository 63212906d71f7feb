// Slow (pnpm test:release): replays packages/server/Dockerfile, the general server image, without Docker. The
// build stage's commands run in a copy of the build context (.dockerignore applied; /packs and /app become temp
// folders); the runtime stage's ENV and CMD then serve a mounted catalog (the demo's, in a temp /catalog)
// against an in-process demo API. Checks the Dockerfile's layer order and pinned pnpm, /healthz, the HEALTHCHECK
// command, tools/list through the official SDK client, analytics and a clean exit on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { DEMO_KEYS, type RunningDemoApi, startDemoApi } from "@toolwright/demo-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DockerStage, dockerIgnoreMatcher, parseDockerfile } from "./support/dockerfile.js";
import { repoRoot } from "./support/repo.js";
import { describeResult, runCommand } from "./support/run.js";

const DOCKERFILE = "packages/server/Dockerfile";
const stages = parseDockerfile(DOCKERFILE);
const build = stages.find((stage) => stage.name === "build") as DockerStage;
const runtime = stages.at(-1) as DockerStage;

let workspace = "";
let demoApi: RunningDemoApi | undefined;
let server: ChildProcess | undefined;
let stderr = "";
let mcpUrl = "";
const folder = (name: string) => join(workspace, name);

function copyBuildContext(destination: string): void {
  const ignored = dockerIgnoreMatcher(".dockerignore");
  cpSync(repoRoot, destination, {
    recursive: true,
    filter: (source) => {
      const path = relative(repoRoot, source).split(sep).join("/");
      return path === "" || !ignored(path);
    },
  });
}

/** A container path on this machine: /app, /packs, /catalog and /data become temp folders. */
function local(text: string): string {
  return text.replace(
    /(^|[\s"'])\/(app|packs|catalog|data)(?=[/\s"']|$)/g,
    (_match, before, name) => `${before}${folder(name)}`,
  );
}

async function runBuildStage(context: string): Promise<void> {
  for (const command of build.run) {
    // corepack activates the pinned pnpm in the image; this machine runs the tests with that pnpm already.
    if (command.startsWith("corepack ")) continue;
    const result = await runCommand("sh", ["-c", local(command)], {
      cwd: context,
      env: { ...process.env, ...build.env, npm_config_prefer_offline: "true" },
      timeoutMs: 280_000,
    });
    expect(result.code, describeResult(`RUN ${local(command)}`, result)).toBe(0);
  }
}

async function startContainerProcess(): Promise<void> {
  mkdirSync(folder("data"), { recursive: true });
  mkdirSync(folder("catalog"), { recursive: true });
  // The mounted volume: a catalog as `toolwright generate` writes it.
  copyFileSync(
    join(repoRoot, "apps/mcp-server/src/generated/tool-definitions.json"),
    join(folder("catalog"), "tool-definitions.json"),
  );
  demoApi = await startDemoApi({ port: 0, dbPath: join(workspace, "demo.db") });
  const environment = Object.fromEntries(
    Object.entries(runtime.env).map(([key, value]) => [key, local(value)]),
  );
  const [command = "", ...args] = runtime.cmd ?? [];
  server = spawn(command === "node" ? process.execPath : command, args, {
    cwd: local(runtime.workdir ?? "/app"),
    env: {
      PATH: process.env.PATH,
      HOME: folder("data"),
      ...environment,
      TOOLWRIGHT_HOST: "127.0.0.1",
      TOOLWRIGHT_PORT: "0",
      TOOLWRIGHT_UPSTREAM: demoApi.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && server.exitCode === null) {
    const match = /at (http:\/\/\S+\/mcp)/.exec(stderr);
    if (match?.[1]) {
      mcpUrl = match[1];
      return;
    }
    await sleep(100);
  }
  throw new Error(`the server image did not start:\n${stderr}`);
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "toolwright-serve-image-"));
  const context = folder("repo");
  copyBuildContext(context);
  await runBuildStage(context);
}, 600_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGKILL");
    await once(server, "exit");
  }
  await demoApi?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe("the Dockerfile", () => {
  it("installs dependencies from the lockfile before the sources are copied, with the pinned pnpm", () => {
    const text = readFileSync(join(repoRoot, DOCKERFILE), "utf8");
    const at = (needle: string) => text.indexOf(needle);
    expect(at("COPY pnpm-lock.yaml")).toBeGreaterThan(0);
    expect(at("RUN pnpm fetch")).toBeGreaterThan(at("COPY pnpm-lock.yaml"));
    expect(at("COPY . .")).toBeGreaterThan(at("RUN pnpm fetch"));
    expect(text).toContain("corepack install");
    expect(text).not.toMatch(/npm install -g pnpm/);
  });

  it("deploys the published packages and their production dependencies only", () => {
    expect(existsSync(folder("app/node_modules/@toolwright/server/dist/cli/bin.js"))).toBe(true);
    expect(existsSync(folder("app/node_modules/@toolwright/analytics/dist/index.js"))).toBe(true);
    expect(existsSync(folder("app/node_modules/vitest"))).toBe(false);
  });
});

describe("the image serving a mounted catalog", () => {
  beforeAll(startContainerProcess, 60_000);

  it("answers /healthz and passes the Dockerfile's HEALTHCHECK command", async () => {
    const response = await fetch(new URL("/healthz", mcpUrl));
    expect(response.status).toBe(200);
    const [command = "", ...args] = runtime.healthcheck?.cmd ?? [];
    const result = await runCommand(command === "node" ? process.execPath : command, args, {
      cwd: folder("app"),
      env: { PATH: process.env.PATH, TOOLWRIGHT_PORT: new URL(mcpUrl).port },
      timeoutMs: 10_000,
    });
    expect(result.code, describeResult("HEALTHCHECK", result)).toBe(0);
  });

  it("lists the reader's tools, and stops on SIGTERM with the analytics events flushed", async () => {
    const client = new Client({ name: "release-test", version: "0.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcpUrl), {
        requestInit: { headers: { authorization: `Bearer ${DEMO_KEYS.reader.key}` } },
      }),
    );
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    await client.close();
    const running = server as ChildProcess;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
    const events = readFileSync(join(folder("data"), "events.jsonl"), "utf8");
    expect(events).toContain("$mcp_tools_list");
    expect(events).not.toContain(DEMO_KEYS.reader.key);
  });
});
