// Slow (pnpm test:release): replays packages/server/Dockerfile, the general server image, without Docker. The
// build stage's commands run in a copy of the build context (.dockerignore applied; /packs and /app become temp
// folders); the runtime stage's ENV and CMD then serve a mounted catalog (the demo's, in a temp /catalog)
// against an in-process demo API. Checks the Dockerfile's layer order and pinned pnpm, /healthz, the HEALTHCHECK
// command, tools/list through the official SDK client, analytics and a clean exit on SIGTERM.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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
import { repoRoot } from "./support/repo.js";
import { describeResult } from "./support/run.js";

const DOCKERFILE = "packages/server/Dockerfile";
const { build, runtime } = imageStages(DOCKERFILE);

let workspace = "";
let demoApi: RunningDemoApi | undefined;
let image: ImageProcess | undefined;
let mcpUrl = "";
const folder = (name: string) => join(workspace, name);

async function startContainerProcess(): Promise<void> {
  mkdirSync(folder("data"), { recursive: true });
  mkdirSync(folder("catalog"), { recursive: true });
  // The mounted volume: a catalog as `toolwright generate` writes it.
  copyFileSync(
    join(repoRoot, "apps/mcp-server/src/generated/tool-definitions.json"),
    join(folder("catalog"), "tool-definitions.json"),
  );
  demoApi = await startDemoApi({ port: 0, dbPath: join(workspace, "demo.db") });
  image = await startRuntimeStage(
    runtime,
    containerPaths(workspace),
    {
      HOME: folder("data"),
      TOOLWRIGHT_HOST: "127.0.0.1",
      TOOLWRIGHT_PORT: "0",
      TOOLWRIGHT_UPSTREAM: demoApi.url,
    },
    /at (http:\/\/\S+\/mcp)/,
  );
  mcpUrl = image.mcpUrl;
}

beforeAll(async () => {
  workspace = await replayBuildStage(build, "toolwright-serve-image-");
}, 600_000);

afterAll(async () => {
  await killIfRunning(image?.child);
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
    const result = await runHealthcheck(runtime, folder("app"), new URL(mcpUrl).port);
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
    const running = image?.child as ChildProcess;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
    const events = readFileSync(join(folder("data"), "events.jsonl"), "utf8");
    expect(events).toContain("$mcp_tools_list");
    expect(events).not.toContain(DEMO_KEYS.reader.key);
  });
});
