import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { UsageError } from "@toolwright/core/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServeConfig } from "../src/cli/read-serve-config.js";
import { runServeCli } from "../src/cli/run-serve-cli.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp } from "./support/client.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const nodeWithTsx = [process.execPath, "--conditions=@toolwright/source", "--import", "tsx"] as const;
const bin = join(packageRoot, "src", "cli", "bin.ts");

/**
 * A stand-in for PostHog's flags endpoint (`POST /flags/?v=2`) on 127.0.0.1: `beta-insights` is on
 * for distinct id "1" (project Acme), and every request's project key is recorded.
 */
function startFlagsEndpoint(): Promise<{ url: string; tokens: unknown[]; server: Server }> {
  const tokens: unknown[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.startsWith("/flags/")) {
        response.writeHead(404, { "content-type": "application/json" }).end("{}");
        return;
      }
      const body = JSON.parse(text) as { token?: unknown; distinct_id?: unknown };
      tokens.push(body.token);
      const enabled = body.distinct_id === "1";
      const flags = {
        "beta-insights": {
          key: "beta-insights",
          enabled,
          variant: null,
          reason: { code: "condition_match" },
          metadata: { id: 1, version: 1 },
        },
      };
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ flags, errorsWhileComputingFlags: false, requestId: "test" }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tokens, server }),
    ),
  );
}

let upstream: Upstream;
let folder: string;
let catalogFile: string;
let flagsFile: string;

beforeAll(async () => {
  upstream = await startUpstream();
  folder = await mkdtemp(join(tmpdir(), "toolwright-serve-sets-"));
  // The test catalog plus a tool-set pair: the same operation as tool set 1's and tool set 2's tool.
  const definitions = testDefinitions(upstream.url);
  const base = definitions.tools.find((tool) => tool.name === "workflows-list");
  if (!base) throw new Error("the test catalog has no workflows-list");
  definitions.tools.push(
    { ...base, name: "workflows-list-v1", mcpVersion: 1 },
    { ...base, name: "workflows-list-v2", mcpVersion: 2 },
  );
  definitions.tools.sort((a, b) => a.name.localeCompare(b.name));
  catalogFile = join(folder, "tool-definitions.json");
  await writeFile(catalogFile, JSON.stringify(definitions));
  flagsFile = join(folder, "flags.json");
  await writeFile(flagsFile, JSON.stringify({ "beta-insights": { projects: [1] }, "new-reports": true }));
});

afterAll(async () => {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
});

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);

function capture() {
  const err: string[] = [];
  return {
    err,
    stdout: { write: (_text: string) => true },
    stderr: { write: (text: string) => err.push(text) },
  };
}

describe("tool set and flag settings of toolwright serve", () => {
  it("reads --tool-set and TOOLWRIGHT_TOOL_SET, and refuses a tool set that does not exist", async () => {
    expect((await readServeConfig({ "tool-set": "2" }, {}, null)).toolSet).toBe(2);
    expect((await readServeConfig({}, { TOOLWRIGHT_TOOL_SET: "2" }, null)).toolSet).toBe(2);
    const bad = readServeConfig({ "tool-set": "3" }, {}, null);
    await expect(bad).rejects.toBeInstanceOf(UsageError);
    await expect(readServeConfig({ "tool-set": "3" }, {}, null)).rejects.toThrow(
      "--tool-set: must be 1 or 2 (a tool set of mcp_version)",
    );
    expect((await readServeConfig({}, { TOOLWRIGHT_FLAGS: "a,-b" }, null)).flags).toEqual({
      a: true,
      b: false,
    });
    const config = await readServeConfig(
      { "flags-provider": "posthog", "flags-file": "flags.json" },
      { POSTHOG_PERSONAL_API_KEY: "phx_personal" },
      null,
    );
    expect(config).toMatchObject({
      flagsProvider: "posthog",
      flagsFile: "flags.json",
      posthogPersonalKey: "phx_personal",
    });
  });

  it("serves tool set 2 and the flags file's flags on stdio (the caller's project turns a flag on)", async () => {
    const transport = new StdioClientTransport({
      command: nodeWithTsx[0],
      args: [
        ...nodeWithTsx.slice(1),
        bin,
        "--stdio",
        "--catalog",
        catalogFile,
        "--tool-set",
        "2",
        "--flags-file",
        flagsFile,
      ],
      env: { ...(process.env as Record<string, string>), TOOLWRIGHT_API_KEY: "admin" },
      stderr: "pipe",
    });
    const client = new Client({ name: "stdio-tool-set", version: "1.0.0" });
    await client.connect(transport);
    try {
      const served = await names(client);
      expect(served).toContain("workflows-list-v2");
      expect(served).not.toContain("workflows-list-v1");
      // A tool without mcp_version is in every set.
      expect(served).toContain("workflows-list");
      // beta-insights is on for project 1 (admin's), new-reports on for everyone.
      expect(served).toContain("insights-beta");
      expect(served).not.toContain("insights-legacy");
    } finally {
      await client.close();
    }
  });

  it("asks PostHog for flags over HTTP, with --flags overriding one and ?version=1 picking the other set", async () => {
    const posthog = await startFlagsEndpoint();
    const child: ChildProcess = spawn(
      nodeWithTsx[0],
      [
        ...nodeWithTsx.slice(1),
        bin,
        "--catalog",
        catalogFile,
        "--port",
        "0",
        "--flags-provider",
        "posthog",
        "--posthog-host",
        posthog.url,
        "--flags",
        "new-reports=on",
      ],
      {
        env: { ...process.env, TOOLWRIGHT_TOOL_SET: "2", POSTHOG_API_KEY: "phc_serve_test" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /at (http:\/\/\S+\/mcp)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", () => reject(new Error(`exited early: ${output}`)));
      });
      const admin = await connectHttp(url, "admin");
      const served = await names(admin);
      await admin.close();
      expect(served).toContain("workflows-list-v2");
      expect(served).toContain("insights-beta");
      expect(served).not.toContain("insights-legacy");
      expect(posthog.tokens).toContain("phc_serve_test");
      // Project 2 (beta's key) is not in PostHog's rollout.
      const beta = await connectHttp(url, "beta", { query: { version: "1" } });
      const betaServed = await names(beta);
      await beta.close();
      expect(betaServed).toContain("workflows-list-v1");
      expect(betaServed).not.toContain("workflows-list-v2");
      expect(betaServed).not.toContain("insights-beta");
      expect(output).not.toContain("phc_serve_test");
    } finally {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      expect((await exited)[0]).toBe(0);
      await new Promise((resolve) => posthog.server.close(resolve));
    }
  }, 30_000);

  it("fails to start with --flags-provider posthog and no project key, naming the setting", async () => {
    const output = capture();
    const code = await runServeCli(
      ["--catalog", catalogFile, "--flags-provider", "posthog", "--port", "0"],
      output,
    );
    expect(code).toBe(1);
    expect(output.err.join("")).toContain(
      "--flags-provider posthog needs --posthog-key (or POSTHOG_API_KEY)",
    );
  });
});
