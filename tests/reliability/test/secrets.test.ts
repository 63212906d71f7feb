// Suite 5: canary keys sent through every input path never reach the server's logs, its analytics
// events, error results, or the generated files.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { demoServer } from "@toolwright/mcp-server/server-options";
import { readSettings } from "@toolwright/mcp-server/settings";
import { type RunningHttpServer, serveHttp } from "@toolwright/server";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { TEST_CONFIRM_SECRET } from "@toolwright/testkit/demo-mcp-server.ts";
import { type FaultProxy, startFaultProxy } from "@toolwright/testkit/fault-proxy.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLogger } from "./support/captured-logger.js";
import { changeOutside } from "./support/outside-change.js";
import { startStdioServer } from "./support/stdio-server.js";

const GENERATED = fileURLToPath(new URL("../../../apps/mcp-server/src/generated/", import.meta.url));
// Keys in the demo's own format (tw_ + base64url); the second has no digit, which real keys sometimes lack.
const ARGUMENT_CANARY = "tw_canaryArg7Q2mX9pLk4Vb8Nc3Rt6Yw";
const QUERY_CANARY = "tw_canaryQuery5Hj2Kd8Mf1Pq7Zs4Xv";
const HEADER_CANARY = "tw_canaryHeader3Bn6Gt9Wc2Lr5Ty8";
const INVALID_CANARY = "tw_canaryInvalid4Qe7Ui1Op3As6Df";
const DIGITLESS_CANARY = "tw_canaryWithoutAnyDigitsAtAllXyzw";

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("secrets", () => {
  let stack: DemoStack;
  let proxy: FaultProxy;
  let server: RunningHttpServer;
  let shutdownAnalytics: () => Promise<void>;
  let eventsFile: string;
  let directory: string;
  let createdKey: string;
  const logger = capturedLogger();
  const errorTexts: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack();
    createdKey = await createApiKey(stack.api.url, stack.keys.admin.key, ["*"]);
    // A valid key without digits, stored the way the API stores keys (sha256 of the secret).
    changeOutside(stack.api.dbPath, (db) =>
      db
        .prepare(
          "INSERT INTO api_keys (project_id, name, key_hash, scopes, created_at) VALUES (1, 'digitless canary', ?, '[\"*\"]', ?)",
        )
        .run(sha256Hex(DIGITLESS_CANARY), new Date().toISOString()),
    );
    proxy = await startFaultProxy(stack.api.url);
    // The upstream echoes the caller's Authorization header in its error bodies (as some frameworks do).
    proxy.setRule(({ path, headers }) =>
      path.startsWith("/api/insights")
        ? {
            kind: "status",
            status: 500,
            body: JSON.stringify({
              error: "internal",
              message: `request failed for ${headers.authorization}`,
            }),
          }
        : null,
    );
    directory = mkdtempSync(join(tmpdir(), "toolwright-secrets-"));
    eventsFile = join(directory, "events.jsonl");
    const settings = readSettings({
      TOOLWRIGHT_UPSTREAM: proxy.url,
      TOOLWRIGHT_ANALYTICS: "jsonl",
      TOOLWRIGHT_EVENTS_FILE: eventsFile,
      TOOLWRIGHT_CONFIRM_SECRET: TEST_CONFIRM_SECRET,
    });
    const demo = demoServer(settings);
    shutdownAnalytics = async () => {
      await demo.analytics?.shutdown();
    };
    server = await serveHttp({ ...demo.options, logger, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await shutdownAnalytics?.();
    await proxy?.close();
    await stack?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  /** Calls a tool and keeps the result text for the final scan. */
  async function call(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
    const text = resultText(await callTool(client, name, args));
    errorTexts.push(text);
    return text;
  }

  it("drives every input path with canaries", async () => {
    for (const key of [createdKey, DIGITLESS_CANARY]) {
      const client = await connectClient(server.url, key);
      try {
        await client.listTools();
        await call(client, "whoami", {});
        await call(client, "persons-list", { search: ARGUMENT_CANARY, limit: 2 });
        await call(client, "persons-list", { search: key, limit: 2 });
        await call(client, "workflows-create", {
          name: ARGUMENT_CANARY,
          trigger: { type: "batch" },
          filters: { events: [key] },
        });
        await call(client, "workflows-run-batch", {
          id: 1,
          acknowledged_affected_count: 1,
          [ARGUMENT_CANARY]: key,
        });
        await call(client, "alert-delete", { id: 1, confirmation_token: key });
        await call(client, "insights-list", {});
        await call(client, ARGUMENT_CANARY, { key });
      } finally {
        await client.close();
      }
    }
    for (const query of [
      { api_key: QUERY_CANARY, token: QUERY_CANARY },
      { features: QUERY_CANARY, tools: QUERY_CANARY },
    ]) {
      const client = await connectClient(server.url, createdKey, query);
      try {
        await client.listTools();
        await call(client, "insights-list", {});
        await call(client, "persons-list", { limit: 1 });
      } finally {
        await client.close();
      }
    }
    const unauthorized = await fetch(server.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${INVALID_CANARY}`,
        "x-api-key": HEADER_CANARY,
        cookie: `session=${HEADER_CANARY}`,
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(unauthorized.status).toBe(401);
    errorTexts.push(await unauthorized.text(), JSON.stringify([...unauthorized.headers]));
    expect(
      errorTexts.filter((text) => text.includes("request failed for")).length,
      "the upstream echo was reached",
    ).toBe(3);
    await shutdownAnalytics();
    expect(readFileSync(eventsFile, "utf8").split("\n").filter(Boolean).length).toBeGreaterThan(10);
  });

  const SECRETS = (): Record<string, string> => ({
    createdKey,
    DIGITLESS_CANARY,
    ARGUMENT_CANARY,
    QUERY_CANARY,
    HEADER_CANARY,
    INVALID_CANARY,
  });

  it("no canary reaches the server's log", () => {
    const log = logger.lines.join("\n");
    for (const [name, secret] of Object.entries(SECRETS())) expect(log.includes(secret), name).toBe(false);
  });

  it("no canary reaches an analytics event", () => {
    const events = readFileSync(eventsFile, "utf8");
    for (const [name, secret] of Object.entries(SECRETS()))
      expect(events.includes(secret), `${name} in events`).toBe(false);
  });

  it("no key reaches an error result through the upstream's error body or the auth failure", () => {
    // Arguments are the caller's own words and may be quoted back; keys sent as credentials may not.
    const texts = errorTexts.join("\n");
    for (const [name, secret] of Object.entries({
      createdKey,
      DIGITLESS_CANARY,
      INVALID_CANARY,
      HEADER_CANARY,
      QUERY_CANARY,
    })) {
      const echoedAsArgument = name === "createdKey" || name === "DIGITLESS_CANARY";
      const outsideArguments = echoedAsArgument
        ? errorTexts.filter((text) => /request failed for|HTTP 500/.test(text)).join("\n")
        : texts;
      expect(
        outsideArguments.includes(secret),
        `${name} in an error result: ${outsideArguments.slice(0, 400)}`,
      ).toBe(false);
    }
  });

  it("the generated catalog, schemas and snapshots hold no key or secret", () => {
    const secrets = [
      stack.keys.admin.key,
      stack.keys.reader.key,
      stack.keys.other.key,
      TEST_CONFIRM_SECRET,
      "Bearer ",
    ];
    for (const file of filesUnder(GENERATED)) {
      const text = readFileSync(file, "utf8");
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });

  it("the stdio server does not print a rejected key", async () => {
    const stdio = startStdioServer({
      TOOLWRIGHT_API_KEY: INVALID_CANARY,
      TOOLWRIGHT_UPSTREAM: stack.api.url,
    });
    for (let waited = 0; waited < 20_000 && stdio.exitCode === null; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await stdio.stop();
    expect(stdio.exitCode).toBe(1);
    expect(stdio.stderr()).toMatch(/invalid|key/i);
    expect(stdio.stderr().includes(INVALID_CANARY)).toBe(false);
    expect(stdio.lines.join("\n").includes(INVALID_CANARY)).toBe(false);
  });
});
