// apps/mcp-server as a process: on SIGTERM it sends the analytics events still queued, and a PostHog
// host that never answers cannot hold it past TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS (it reports the drops).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { callTool, connectClient, type DemoStack, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../../../apps/mcp-server/src/main.ts", import.meta.url));
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

let stack: DemoStack;
let folder: string;
beforeAll(async () => {
  stack = await startDemoStack();
  folder = mkdtempSync(join(tmpdir(), "tw-analytics-shutdown-"));
});
afterAll(async () => {
  await stack?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Starts the demo MCP server process and resolves with its URL once the banner names it. */
function startServer(
  environment: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [TSX, "--conditions=@toolwright/source", MAIN], {
    env: {
      ...process.env,
      TOOLWRIGHT_UPSTREAM: stack.api.url,
      TOOLWRIGHT_PORT: "0",
      TOOLWRIGHT_CONFIRM_SECRET: "test-confirmation-secret-of-at-least-32-bytes",
      ...environment,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += String(chunk);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stderr: () => stderr });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function makeTraffic(url: string): Promise<void> {
  const client = await connectClient(url, stack.keys.admin.key);
  await client.listTools();
  await callTool(client, "persons-list", { limit: 1 });
  await client.close();
}

describe("analytics at shutdown", () => {
  it("writes the queued events to the JSONL file on SIGTERM", async () => {
    const eventsFile = join(folder, "events.jsonl");
    const { child, url } = await startServer({
      TOOLWRIGHT_ANALYTICS: "jsonl",
      TOOLWRIGHT_EVENTS_FILE: eventsFile,
    });
    const exit = exited(child);
    await makeTraffic(url);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    const names = readFileSync(eventsFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).event);
    expect(names).toEqual(expect.arrayContaining(["$mcp_initialize", "$mcp_tools_list", "$mcp_tool_call"]));
  }, 60_000);

  it("gives up on a PostHog host that never answers at the deadline, and says how many it dropped", async () => {
    const hanging: Server = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const host = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      const { child, url, stderr } = await startServer({
        TOOLWRIGHT_ANALYTICS: "posthog",
        POSTHOG_API_KEY: "phc_test",
        POSTHOG_HOST: host,
        TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS: "300",
      });
      const exit = exited(child);
      await makeTraffic(url);
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(stderr()).toMatch(/analytics shutdown hit its 300 ms deadline; [1-9]\d* event\(s\) dropped/);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  }, 60_000);
});
