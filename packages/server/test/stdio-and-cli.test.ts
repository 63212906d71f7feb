import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startRedisServer } from "@toolwright/test-services/redis-server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runServeCli } from "../src/cli/run-serve-cli.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp, jsonOf } from "./support/client.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
// `node --import tsx` runs the bin in this very process: signals reach it directly, with no tsx relay
// process in between (whose own exit code would hide the bin's).
const nodeWithTsx = [process.execPath, "--conditions=@toolwright/source", "--import", "tsx"] as const;
const bin = join(packageRoot, "src", "cli", "bin.ts");

let upstream: Upstream;
let folder: string;
let catalogFile: string;

beforeAll(async () => {
  upstream = await startUpstream();
  folder = await mkdtemp(join(tmpdir(), "toolwright-serve-"));
  catalogFile = join(folder, "tool-definitions.json");
  await writeFile(catalogFile, JSON.stringify(testDefinitions(upstream.url)));
});

afterAll(async () => {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
});

describe("stdio end to end", () => {
  it("serves the reader's tools and calls the upstream with the key from TOOLWRIGHT_API_KEY", async () => {
    const transport = new StdioClientTransport({
      command: nodeWithTsx[0],
      args: [...nodeWithTsx.slice(1), bin, "--stdio", "--catalog", catalogFile],
      env: { ...(process.env as Record<string, string>), TOOLWRIGHT_API_KEY: "reader" },
      stderr: "pipe",
    });
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("workflows-get");
      expect(names).not.toContain("workflows-create");
      const result = await client.callTool({ name: "project-whoami", arguments: {} });
      expect(jsonOf(result)).toEqual({ project: 1 });
      expect(upstream.calls().at(-1)?.authorization).toBe("Bearer reader");
    } finally {
      await client.close();
    }
  });
});

/** Collects what the CLI writes instead of printing it. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  };
}

function runBin(args: string[], env: Record<string, string> = {}): ChildProcess {
  const [node, ...flags] = nodeWithTsx;
  return spawn(node, [...flags, bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the serve CLI", () => {
  it("serves HTTP until SIGTERM, printing the URL", async () => {
    const child = runBin(["--catalog", catalogFile, "--port", "0", "--mode", "compact"]);
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/\S+\/mcp)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", () => reject(new Error(`exited early: ${output}`)));
    });
    const client = await connectHttp(url, "admin");
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
      "call-tool",
      "describe-tool",
      "search-tools",
    ]);
    await client.close();
    const exited = exitCode(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("keeps its state in Redis with --redis-url, and still exits 0 on SIGTERM", async () => {
    const redis = await startRedisServer();
    const inspect = new Redis(redis.url);
    try {
      const child = runBin(["--catalog", catalogFile, "--port", "0", "--redis-url", redis.url]);
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /at (http:\/\/\S+\/mcp)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", () => reject(new Error(`exited early: ${output}`)));
      });
      const client = await connectHttp(url, "admin");
      await client.listTools();
      await client.close();
      // The resolved caller is cached in Redis under the key's hash, never the key.
      const keys = await inspect.keys("toolwright:caller:*");
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain("admin");
      const exited = exitCode(child);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      inspect.disconnect();
      await redis.close();
    }
  }, 30_000);

  it("fails a stdio start with a bad key, saying why", async () => {
    const child = runBin(["--stdio", "--catalog", catalogFile], { TOOLWRIGHT_API_KEY: "wrong" });
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    expect(await exitCode(child)).toBe(1);
    expect(errors).toContain("The API key is invalid");
    expect(errors).not.toContain("wrong");
  });

  it("prints help and the version, exits 2 on usage errors and 1 on a missing catalog", async () => {
    const output = capture();
    expect(await runServeCli(["--help"], output)).toBe(0);
    expect(output.out.join("")).toContain("--catalog <file>");
    expect(await runServeCli(["--version"], output)).toBe(0);
    expect(output.out.at(-1)).toMatch(/^\d+\.\d+\.\d+/);
    expect(await runServeCli([], output)).toBe(2);
    expect(await runServeCli(["--catalog", join(folder, "missing.json")], output)).toBe(1);
    expect(await runServeCli(["--catalog", catalogFile, "--mode", "tiny"], output)).toBe(2);
    expect(await runServeCli(["--catalog", catalogFile, "--port", "x"], output)).toBe(2);
    expect(await runServeCli(["--bogus"], output)).toBe(2);
    expect(output.err.join("")).toContain("--catalog is required");
    expect(output.err.join("")).toContain("cannot read the catalog file");
    expect(output.err.join("")).toContain("the file does not exist");
    expect(output.err.join("")).toMatch(/--mode: Invalid option: expected one of "full"\|"compact"/);
    expect(output.err.join("")).toContain("--port must be a whole number, not 'x'");
    expect(output.err.join("")).toContain("Unknown option '--bogus'");
  });

  it("refuses HTTP limits that are not counts, and a non-loopback bind without a public URL", async () => {
    const output = capture();
    expect(await runServeCli(["--catalog", catalogFile, "--max-connections", "many"], output)).toBe(2);
    expect(output.err.join("")).toContain("--max-connections must be a whole number, not 'many'");
    const previous = process.env.TOOLWRIGHT_PUBLIC_URL;
    delete process.env.TOOLWRIGHT_PUBLIC_URL;
    try {
      expect(await runServeCli(["--catalog", catalogFile, "--host", "0.0.0.0", "--port", "0"], output)).toBe(
        1,
      );
    } finally {
      if (previous !== undefined) process.env.TOOLWRIGHT_PUBLIC_URL = previous;
    }
    expect(output.err.join("")).toContain("needs the public URL clients use");
  });

  it("exits 1 naming the tool and key of an invalid catalog", async () => {
    const bad = join(folder, "bad.json");
    const definitions = testDefinitions(upstream.url);
    await writeFile(
      bad,
      JSON.stringify({ ...definitions, tools: [{ ...definitions.tools[0], scopes: ["nope"] }] }),
    );
    const output = capture();
    expect(await runServeCli(["--catalog", bad], output)).toBe(1);
    expect(output.err.join("")).toContain("tool 'workflows-list': key 'scopes.0'");
  });
});
