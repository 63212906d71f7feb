import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { desktopSnippet } from "@toolwright/mcp-server/banner";
import { callTool, type DemoStack, resultJson, startDemoStack } from "@toolwright/testkit";
import { demoServerSource } from "@toolwright/testkit/demo-catalog-files.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const ARGS = [TSX_CLI, "--conditions=@toolwright/source", demoServerSource("stdio.ts")];

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack();
});
afterAll(async () => {
  await stack?.close();
});

function environment(key: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    TOOLWRIGHT_API_KEY: key,
    TOOLWRIGHT_UPSTREAM: stack.api.url,
    TOOLWRIGHT_ANALYTICS: "off",
  };
}

describe("the demo MCP server over stdio", () => {
  it("lists the reader's tools and calls one with the key from TOOLWRIGHT_API_KEY", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ARGS,
      env: environment(stack.keys.reader.key),
      stderr: "pipe",
    });
    const client = new Client({ name: "toolwright-e2e-stdio", version: "1.0.0" });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("persons-list");
      expect(names).toContain("whoami");
      expect(names).not.toContain("workflows-run-batch");
      const whoami = resultJson<{ project: { name: string }; scopes: string[] }>(
        await callTool(client, "whoami"),
      );
      expect(whoami.project.name).toBe("Hedgebox");
      expect(whoami.scopes).toContain("person:read");
      const persons = resultJson<{ count: number; results: unknown[] }>(
        await callTool(client, "persons-list", { limit: 3 }),
      );
      expect(persons).toMatchObject({ count: 240 });
      expect(persons.results).toHaveLength(3);
      const refused = await callTool(client, "alert-delete", { id: 1 });
      expect(refused.isError).toBe(true);
      // Anything on stdout that is not a JSON-RPC message would surface here as a parse error.
      expect(protocolErrors).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it("exits non-zero with a message on stderr, and nothing on stdout, for a bad key", async () => {
    const child = spawn(process.execPath, ARGS, {
      env: environment("tw_wrong_key"),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await new Promise<number | null>((resolve) =>
      child.on("exit", (exitCode) => resolve(exitCode)),
    );
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("toolwright-demo (stdio):");
    expect(stderr).toMatch(/key/i);
    expect(stderr).not.toContain("tw_wrong_key");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("runs the banner's Claude Desktop snippet as printed: analytics to its absolute file, not the client's folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "toolwright-stdio-"));
    const eventsFile = join(mkdtempSync(join(tmpdir(), "toolwright-events-")), "events.jsonl");
    const entry = desktopSnippet(stack.api.url, eventsFile).mcpServers["toolwright-demo"];
    // No pnpm store path (`.pnpm/tsx@x.y.z/...`): the line survives a tsx upgrade.
    expect(entry.args.join(" ")).not.toContain(".pnpm");
    expect(entry.env.TOOLWRIGHT_EVENTS_FILE).toBe(eventsFile);
    try {
      const transport = new StdioClientTransport({
        command: entry.command,
        args: entry.args,
        env: { PATH: process.env.PATH ?? "", ...entry.env, TOOLWRIGHT_API_KEY: stack.keys.admin.key },
        cwd,
        stderr: "pipe",
      });
      const client = new Client({ name: "toolwright-e2e-stdio", version: "1.0.0" });
      const protocolErrors: Error[] = [];
      client.onerror = (error) => protocolErrors.push(error);
      await client.connect(transport);
      const tools = (await client.listTools()).tools;
      expect(tools).toHaveLength(32);
      const result = await callTool(client, "alert-get", {
        id: 1,
        context: "check the signups alert threshold",
      });
      expect(result.isError).toBeFalsy();
      expect(resultJson<{ name: string }>(result).name).toBe("Signups dropped");
      await client.close();
      expect(protocolErrors).toEqual([]);
      await vi.waitFor(
        () => {
          const lines = readFileSync(eventsFile, "utf8").trim().split("\n");
          const names = lines.map((line) => (JSON.parse(line) as { event: string }).event);
          expect(names).toContain("$mcp_tool_call");
        },
        { timeout: 30_000, interval: 50 },
      );
      expect(existsSync(join(cwd, ".data"))).toBe(false);
      const recorded = readFileSync(eventsFile, "utf8");
      expect(recorded).not.toContain(stack.keys.admin.key);
      expect(recorded).toContain("check the signups alert threshold");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
