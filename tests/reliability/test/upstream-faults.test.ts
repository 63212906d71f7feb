// Suite 2: a fault-injecting proxy between the MCP server and the demo API. Every call ends within its
// timeout with a clear isError, no connection or request is left behind, and memory does not grow.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RunningHttpServer } from "@toolwright/server";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { startDemoMcpServer } from "@toolwright/testkit/demo-mcp-server.ts";
import {
  type Fault,
  type FaultProxy,
  KEY_INTROSPECTION_PATH,
  refusedUrl,
  startFaultProxy,
} from "@toolwright/testkit/fault-proxy.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLogger } from "./support/captured-logger.js";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { recordFigures } from "./support/figures.js";
import { heapAfterGc } from "./support/heap.js";
import { expectJsonRpcResponse, hasStackTrace } from "./support/json-rpc-reply.js";

/** The 503 a server answers when it cannot check a key: still one JSON-RPC error, without a stack trace. */
function expectWellFormedHttpReplyAllowing503(text: string, context: string): void {
  expect(hasStackTrace(text), context).toBe(false);
  expectJsonRpcResponse(JSON.parse(text), context);
}

const TIMEOUT_MS = 500;
// A GET may be retried once, and guard lookups come before the call. The bound only tells "ended on its
// timeout" from "hung": a stalled call without a working timeout never ends. It is generous because a
// busy machine (other suites, installs) can slow a call that ended correctly by seconds.
const CALL_DEADLINE_MS = 15_000;

interface FaultCase {
  label: string;
  fault: Fault;
  expected: RegExp;
}

const FAILING: FaultCase[] = [
  { label: "reset before the response", fault: { kind: "reset" }, expected: /Could not reach the upstream/ },
  {
    label: "reset mid-body",
    fault: { kind: "reset-mid-body" },
    expected: /Could not reach the upstream|did not answer|ended before it was complete/,
  },
  { label: "HTTP 500", fault: { kind: "status", status: 500 }, expected: /HTTP 500/ },
  { label: "HTTP 502", fault: { kind: "status", status: 502 }, expected: /HTTP 502/ },
  { label: "HTTP 503", fault: { kind: "status", status: 503 }, expected: /HTTP 503/ },
  {
    label: "HTML 500",
    fault: {
      kind: "status",
      status: 500,
      body: "<html><body>Internal Server Error</body></html>",
      contentType: "text/html",
    },
    expected: /HTTP 500/,
  },
  { label: "stalled response", fault: { kind: "stall" }, expected: /did not answer within 0.5 s/ },
  {
    label: "slow body (dribble)",
    fault: { kind: "dribble", intervalMs: 50 },
    expected: /did not answer within 0.5 s/,
  },
  { label: "invalid JSON", fault: { kind: "invalid-json" }, expected: /not valid JSON/ },
];

// A read, a POST read, and a guarded write whose lookups hit the faults first.
const CALLS: [string, Record<string, unknown>][] = [
  ["persons-list", { limit: 5 }],
  ["workflows-blast-radius", { id: 1 }],
  ["workflows-run-batch", { id: 1, acknowledged_affected_count: 40 }],
];

describe("upstream faults", () => {
  let stack: DemoStack;
  let proxy: FaultProxy;
  let server: RunningHttpServer;
  let client: Client;
  const logger = capturedLogger();
  let current: Fault | null = null;
  const survived: Record<string, number> = {};

  beforeAll(async () => {
    stack = await startDemoStack();
    proxy = await startFaultProxy(stack.api.url);
    // Key introspection passes, so each fault reaches the tool call itself.
    proxy.setRule(({ path }) => (path.startsWith(KEY_INTROSPECTION_PATH) ? null : current));
    server = await startDemoMcpServer(proxy.url, { timeoutMs: TIMEOUT_MS, logger });
    client = await connectClient(server.url, stack.keys.admin.key);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await proxy?.close();
    await stack?.close();
    recordFigures("upstream-faults", {
      ...survived,
      total: Object.values(survived).reduce((sum, count) => sum + count, 0),
    });
  });

  async function timedCall(target: Client, name: string, args: Record<string, unknown>) {
    const started = performance.now();
    const result = await callTool(target, name, args);
    return { result, text: resultText(result), elapsed: performance.now() - started };
  }

  it.each(FAILING.map((entry) => [entry.label, entry] as const))(
    "%s: every call ends in time with a clear isError and writes nothing",
    async (label, entry) => {
      const before = databaseFingerprint(stack.api.dbPath);
      current = entry.fault;
      try {
        const outcomes = await Promise.all(CALLS.map(([name, args]) => timedCall(client, name, args)));
        for (const [index, outcome] of outcomes.entries()) {
          const name = CALLS[index]?.[0];
          expect(outcome.result.isError, `${label} / ${name}: ${outcome.text}`).toBe(true);
          expect(outcome.text, `${label} / ${name}`).toMatch(
            name === "workflows-run-batch" ? /guard|lookup|upstream|HTTP|JSON/i : entry.expected,
          );
          expect(hasStackTrace(outcome.text)).toBe(false);
          expect(outcome.elapsed, `${label} / ${name}`).toBeLessThan(CALL_DEADLINE_MS);
        }
        survived[label] = (survived[label] ?? 0) + outcomes.length;
      } finally {
        current = null;
      }
      expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
    },
  );

  it("a slow but timely upstream still answers", async () => {
    current = { kind: "delay", ms: 100 };
    try {
      const outcome = await timedCall(client, "persons-list", { limit: 5 });
      expect(outcome.result.isError ?? false, outcome.text).toBe(false);
      survived["slow (100 ms)"] = 1;
    } finally {
      current = null;
    }
  });

  it("a huge upstream body is read, capped and answered, not crashed on", async () => {
    current = { kind: "huge", bytes: 20_000_000 };
    try {
      const outcome = await timedCall(client, "persons-list", { limit: 5 });
      expect(outcome.text.length).toBeLessThan(120_000);
      expect(outcome.text).toMatch(/cut|truncat|more|limit|not valid JSON|did not answer/i);
      expect(outcome.elapsed).toBeLessThan(CALL_DEADLINE_MS);
      survived["huge body (20 MB)"] = 1;
    } finally {
      current = null;
    }
  });

  it("refused connections end as a clear isError", async () => {
    const refused = await startDemoMcpServer(await refusedUrl(), {
      timeoutMs: TIMEOUT_MS,
      logger,
      scopes: ["*"],
    });
    const refusedClient = await connectClient(refused.url, stack.keys.admin.key);
    try {
      for (const [name, args] of CALLS) {
        const outcome = await timedCall(refusedClient, name, args);
        expect(outcome.result.isError, outcome.text).toBe(true);
        expect(outcome.text).toMatch(
          /Could not reach the upstream at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)|guard/,
        );
        expect(outcome.elapsed).toBeLessThan(CALL_DEADLINE_MS);
      }
      survived["connection refused"] = CALLS.length;
    } finally {
      await refusedClient.close();
      await refused.close();
    }
  });

  it("faults on key introspection end as a prompt 503 JSON-RPC error, never a hang", async () => {
    for (const entry of FAILING) {
      // A key the server has not cached yet, so the request has to introspect it through the fault.
      const key = await createApiKey(stack.api.url, stack.keys.admin.key, ["person:read"]);
      proxy.setRule(({ path }) => (path.startsWith(KEY_INTROSPECTION_PATH) ? entry.fault : null));
      try {
        const started = performance.now();
        const response = await fetch(server.url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${key}`,
            accept: "application/json, text/event-stream",
            "content-type": "application/json",
          },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
        });
        const text = await response.text();
        expect(response.status, `${entry.label}: ${text}`).toBe(503);
        expectWellFormedHttpReplyAllowing503(text, entry.label);
        expect(performance.now() - started, entry.label).toBeLessThan(CALL_DEADLINE_MS);
        survived[`introspection: ${entry.label}`] = 1;
      } finally {
        proxy.setRule(({ path }) => (path.startsWith(KEY_INTROSPECTION_PATH) ? null : current));
      }
    }
  });

  it("leaves no request or connection open on the proxy, and memory does not grow over 300 faulty calls", async () => {
    const faults = FAILING.map((entry) => entry.fault);
    const round = async (count: number) => {
      for (let start = 0; start < count; start += 30) {
        await Promise.all(
          Array.from({ length: 30 }, async (_, index) => {
            const [name, args] = CALLS[(start + index) % CALLS.length] ?? ["persons-list", {}];
            return timedCall(client, name, args);
          }),
        );
        current = faults[(start / 30) % faults.length] ?? null;
      }
      current = null;
    };
    await round(150);
    const heapBefore = heapAfterGc();
    await round(300);
    const heapAfter = heapAfterGc();
    survived["mixed soak"] = 450;
    // Stalled and dribbling requests are abandoned at the timeout; idle keep-alive connections close after 500 ms.
    for (
      let waited = 0;
      waited < 30_000 && (proxy.activeRequests() > 0 || proxy.openConnections() > 0);
      waited += 100
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(proxy.activeRequests()).toBe(0);
    expect(proxy.openConnections()).toBe(0);
    expect((heapAfter - heapBefore) / 2 ** 20, `heap grew from ${heapBefore} to ${heapAfter}`).toBeLessThan(
      16,
    );
    expect(logger.lines.filter((line) => line.startsWith("error"))).toEqual([]);
    recordFigures("upstream-faults-memory", {
      heapBeforeMiB: +(heapBefore / 2 ** 20).toFixed(1),
      heapAfterMiB: +(heapAfter / 2 ** 20).toFixed(1),
      calls: 450,
    });
  });
});
