// Slow (pnpm test:release): replays apps/mcp-server/Dockerfile without Docker. The build stage's commands run in
// a copy of the build context (.dockerignore applied); the runtime stage's ENV, WORKDIR and CMD start the deployed
// server against an in-process demo API. Checks /healthz, the Dockerfile's own HEALTHCHECK command, a tools/list
// through the official SDK client, and a clean exit on SIGTERM with analytics flushed.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

const DOCKERFILE = "apps/mcp-server/Dockerfile";
const stages = parseDockerfile(DOCKERFILE);
const build = stages.find((stage) => stage.name === "build") as DockerStage;
const runtime = stages.at(-1) as DockerStage;

let workspace = "";
let appDir = "";
let demoApi: RunningDemoApi | undefined;
let server: ChildProcess | undefined;
let stdout = "";
let stderr = "";
let mcpUrl = "";

/** Copies the repository as `docker build .` would see it (the root .dockerignore applied). */
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

/** Runs the build stage's RUN lines in the copied context; the image's /app becomes a temp folder. */
async function runBuildStage(context: string): Promise<void> {
  for (const command of build.run) {
    // The machine running the tests already has pnpm 10; installing it globally is the image's concern.
    if (command.startsWith("npm install -g pnpm") || command.startsWith("corepack ")) continue;
    const local = command.replace(/\s\/app(\s|$)/, ` ${appDir}$1`);
    const result = await runCommand("sh", ["-c", local], {
      cwd: context,
      env: { ...process.env, ...build.env, npm_config_prefer_offline: "true" },
      timeoutMs: 280_000,
    });
    expect(result.code, describeResult(`RUN ${local}`, result)).toBe(0);
  }
}

/** The container's environment: the runtime stage's ENV, with paths and ports this machine can use. */
function containerEnvironment(dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dataDir,
    ...runtime.env,
    TOOLWRIGHT_HOST: "127.0.0.1",
    TOOLWRIGHT_PORT: "0",
    TOOLWRIGHT_UPSTREAM: demoApi?.url,
    TOOLWRIGHT_EVENTS_FILE: join(dataDir, "events.jsonl"),
    TOOLWRIGHT_CONFIRM_SECRET: "release-test-confirm-secret-0123456789abcdef",
  };
}

async function waitForListening(): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = /Toolwright demo MCP server: (http:\/\/\S+\/mcp)/.exec(stdout);
    if (match?.[1]) return match[1];
    if (server?.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`the production server did not start:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
}

/** Starts the runtime stage's CMD with its ENV in the deployed folder, as the container would. */
async function startContainerProcess(): Promise<void> {
  const dataDir = join(workspace, "data");
  mkdirSync(dataDir, { recursive: true });
  demoApi = await startDemoApi({ port: 0, dbPath: join(workspace, "demo.db") });
  const [command = "", ...args] = runtime.cmd ?? [];
  server = spawn(command === "node" ? process.execPath : command, args, {
    cwd: runtime.workdir === "/app" ? appDir : runtime.workdir,
    env: containerEnvironment(dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  mcpUrl = await waitForListening();
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "toolwright-production-"));
  const context = join(workspace, "repo");
  appDir = join(workspace, "app");
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

describe("the build stage", () => {
  it("deploys compiled code and production dependencies only", () => {
    expect(existsSync(join(appDir, "dist/main.js"))).toBe(true);
    expect(existsSync(join(appDir, "dist/generated/tool-definitions.json"))).toBe(true);
    expect(existsSync(join(appDir, "node_modules/@toolwright/server/dist/index.js"))).toBe(true);
    expect(existsSync(join(appDir, "node_modules/vitest"))).toBe(false);
    expect(existsSync(join(appDir, "node_modules/tsx"))).toBe(false);
  });
});

describe("the deployed server", () => {
  beforeAll(startContainerProcess, 60_000);

  it("answers /healthz with its tool count", async () => {
    const response = await fetch(new URL("/healthz", mcpUrl));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; tools: number };
    expect(body.status).toBe("ok");
    expect(body.tools).toBeGreaterThan(10);
  });

  it("passes the Dockerfile's own HEALTHCHECK command", async () => {
    const [command = "", ...args] = runtime.healthcheck?.cmd ?? [];
    const port = new URL(mcpUrl).port;
    const result = await runCommand(command === "node" ? process.execPath : command, args, {
      cwd: appDir,
      env: { PATH: process.env.PATH, TOOLWRIGHT_PORT: port },
      timeoutMs: 10_000,
    });
    expect(result.code, describeResult("HEALTHCHECK", result)).toBe(0);
  });

  it("lists the reader's tools to the official MCP SDK client", async () => {
    const client = new Client({ name: "release-test", version: "0.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { authorization: `Bearer ${DEMO_KEYS.reader.key}` } },
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toContain("whoami");
      expect(names.length).toBeGreaterThan(5);
      for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).not.toBe(false);
    } finally {
      await client.close();
    }
  });

  it("stops cleanly on SIGTERM, flushing its analytics events first", async () => {
    const running = server as ChildProcess;
    const exited = once(running, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    running.kill("SIGTERM");
    const [code, signal] = await exited;
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: "" });
    const eventsFile = containerEnvironment(join(workspace, "data")).TOOLWRIGHT_EVENTS_FILE ?? "";
    const events = readFileSync(eventsFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(["$mcp_initialize", "$mcp_tools_list"]));
    expect(readFileSync(eventsFile, "utf8")).not.toContain(DEMO_KEYS.reader.key);
  });
});
