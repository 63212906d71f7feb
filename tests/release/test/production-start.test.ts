// Slow (pnpm test:release): replays apps/mcp-server/Dockerfile without Docker. The build stage's commands run in
// a copy of the build context (.dockerignore applied); the runtime stage's ENV, WORKDIR and CMD start the deployed
// server against an in-process demo API. Checks /healthz, the Dockerfile's own HEALTHCHECK command, a tools/list
// through the official SDK client, and a clean exit on SIGTERM with analytics flushed.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { DEMO_KEYS, type RunningDemoApi, startDemoApi } from "@toolwright/demo-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  containerPaths,
  type ImageProcess,
  imageStages,
  killIfRunning,
  replayBuildStage,
  runHealthcheck,
  startRuntimeStage,
} from "./support/image-replay.js";
import { describeResult } from "./support/run.js";

const DOCKERFILE = "apps/mcp-server/Dockerfile";
const { build, runtime } = imageStages(DOCKERFILE);

let workspace = "";
let appDir = "";
let demoApi: RunningDemoApi | undefined;
let image: ImageProcess | undefined;
let mcpUrl = "";

/** The container's environment on top of the runtime stage's ENV: paths and ports this machine can use. */
function containerEnvironment(dataDir: string): NodeJS.ProcessEnv {
  return {
    HOME: dataDir,
    TOOLWRIGHT_HOST: "127.0.0.1",
    TOOLWRIGHT_PORT: "0",
    TOOLWRIGHT_UPSTREAM: demoApi?.url,
    TOOLWRIGHT_EVENTS_FILE: join(dataDir, "events.jsonl"),
    TOOLWRIGHT_CONFIRM_SECRET: "release-test-confirm-secret-0123456789abcdef",
  };
}

/** Starts the runtime stage's CMD with its ENV in the deployed folder, as the container would. */
async function startContainerProcess(): Promise<void> {
  const dataDir = join(workspace, "data");
  mkdirSync(dataDir, { recursive: true });
  demoApi = await startDemoApi({ port: 0, dbPath: join(workspace, "demo.db") });
  image = await startRuntimeStage(
    runtime,
    containerPaths(workspace),
    containerEnvironment(dataDir),
    /Toolwright demo MCP server: (http:\/\/\S+\/mcp)/,
  );
  mcpUrl = image.mcpUrl;
}

beforeAll(async () => {
  workspace = await replayBuildStage(build, "toolwright-production-");
  appDir = join(workspace, "app");
}, 600_000);

afterAll(async () => {
  await killIfRunning(image?.child);
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
    const port = new URL(mcpUrl).port;
    const result = await runHealthcheck(runtime, appDir, port);
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
    const running = image?.child as ChildProcess;
    const exited = once(running, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    running.kill("SIGTERM");
    const [code, signal] = await exited;
    expect({ code, signal, stderr: image?.stderr() }).toEqual({ code: 0, signal: null, stderr: "" });
    const eventsFile = containerEnvironment(join(workspace, "data")).TOOLWRIGHT_EVENTS_FILE ?? "";
    const events = readFileSync(eventsFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(["$mcp_initialize", "$mcp_tools_list"]));
    expect(readFileSync(eventsFile, "utf8")).not.toContain(DEMO_KEYS.reader.key);
  });
});
