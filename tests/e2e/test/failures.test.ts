import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  callTool,
  connectClient,
  type DemoStack,
  resultJson,
  resultText,
  startDemoStack,
} from "@toolwright/testkit";
import { startDemoMcpServer } from "@toolwright/testkit/demo-mcp-server.ts";
import {
  dataRoutesFault,
  type Fault,
  type FaultProxy,
  refusedUrl,
  startFaultProxy,
} from "@toolwright/testkit/fault-proxy.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Item, type Page, rejected, succeeded } from "./support/tool-results.js";

const TIMEOUT_MS = 300;

type RunningHttpServer = Awaited<ReturnType<typeof startDemoMcpServer>>;

let stack: DemoStack;
let faulty: FaultProxy;
let proxied: RunningHttpServer;
let client: Client;
let unreachable: RunningHttpServer;
let down: string;

beforeAll(async () => {
  stack = await startDemoStack();
  faulty = await startFaultProxy(stack.api.url);
  proxied = await startDemoMcpServer(faulty.url, { timeoutMs: TIMEOUT_MS });
  client = await connectClient(proxied.url, stack.keys.admin.key);
  down = await refusedUrl();
  // Fixed scopes: callers resolve without the (closed) upstream, so tools/call reaches the network error.
  unreachable = await startDemoMcpServer(down, { scopes: ["*"] });
});
afterEach(() => {
  faulty.setRule(dataRoutesFault(null));
});
afterAll(async () => {
  await client?.close();
  await Promise.all([proxied?.close(), unreachable?.close()]);
  await faulty?.close();
  await stack?.close();
});

/**
 * Requests the proxy answered with this fault kind. Only data routes get a fault (key introspection
 * passes), so while one fault is set these are exactly the data requests that reached the upstream.
 */
function faultedRequests(kind: Fault["kind"]): number {
  return faulty.counts[kind] ?? 0;
}

/** The admin's persons-list through the faulty proxy; asserts the server answers normally again. */
async function answersNormally(): Promise<void> {
  const page = await succeeded<Page<Item>>(client, "persons-list", { limit: 2 });
  expect(page.results).toHaveLength(2);
}

/** A tool call the upstream fault makes fail: an isError result without a stack trace or the caller's key. */
async function failure(name: string, args: Record<string, unknown> = {}): Promise<string> {
  const text = await rejected(client, name, args);
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toContain(stack.keys.admin.key);
  return text;
}

describe("upstream failures become isError results and the server keeps answering", () => {
  it("passes calls through the proxy when nothing is wrong", async () => {
    await answersNormally();
  });

  it("upstream closing connections: says it could not reach the upstream, retries a read once", async () => {
    faulty.setRule(dataRoutesFault({ kind: "reset" }));
    const before = faultedRequests("reset");
    const text = await failure("persons-list", { limit: 2 });
    expect(text).toContain(`Could not reach the upstream at ${faulty.url}`);
    expect(text).toMatch(/retry later/);
    expect(faultedRequests("reset") - before).toBe(2);
    faulty.setRule(dataRoutesFault(null));
    await answersNormally();
  });

  it("upstream slower than timeoutMs: says it did not answer in time", async () => {
    faulty.setRule(dataRoutesFault({ kind: "delay", ms: TIMEOUT_MS * 4 }));
    const text = await failure("persons-list", { limit: 2 });
    expect(text).toContain(`did not answer within ${TIMEOUT_MS / 1000} s`);
    faulty.setRule(dataRoutesFault(null));
    await answersNormally();
  });

  it("upstream 500: says the upstream failed and passes its explanation on", async () => {
    faulty.setRule(
      dataRoutesFault({
        kind: "status",
        status: 500,
        body: "database is on fire",
        contentType: "text/plain",
      }),
    );
    const text = await failure("workflows-list");
    expect(text).toContain("HTTP 500");
    expect(text).toContain("database is on fire");
    expect(text).toMatch(/retry later/);
    faulty.setRule(dataRoutesFault(null));
    await answersNormally();
  });

  it("upstream 502 on a write: the write is not retried (it could apply twice)", async () => {
    faulty.setRule(
      dataRoutesFault({ kind: "status", status: 502, body: "bad gateway", contentType: "text/plain" }),
    );
    const before = faultedRequests("status");
    const text = await failure("cohort-create", { name: "Retry me not", is_static: true, person_ids: [1] });
    expect(text).toContain("HTTP 502");
    expect(faultedRequests("status") - before).toBe(1);
    const readBefore = faultedRequests("status");
    await failure("cohorts-list");
    expect(faultedRequests("status") - readBefore).toBe(2);
    faulty.setRule(dataRoutesFault(null));
    await answersNormally();
  });

  it("upstream invalid JSON: says the body is not valid JSON", async () => {
    faulty.setRule(dataRoutesFault({ kind: "invalid-json" }));
    const text = await failure("alerts-list");
    expect(text).toContain("not valid JSON");
    expect(text).toContain("HTTP 200");
    faulty.setRule(dataRoutesFault(null));
    await answersNormally();
  });

  it("a failing guard lookup rejects the call instead of running it", async () => {
    faulty.setRule(
      dataRoutesFault({ kind: "status", status: 500, body: "lookup failed", contentType: "text/plain" }),
    );
    const text = await failure("workflows-run-batch", { id: 1, acknowledged_affected_count: 40 });
    expect(text).toMatch(/guard/);
    faulty.setRule(dataRoutesFault(null));
    const jobs = resultJson<{ count: number }>(
      await callTool(client, "workflows-list-batch-jobs", { id: 1 }),
    );
    expect(jobs.count).toBe(0);
  });
});

describe("messages", () => {
  // Bug report: packages/server/src/upstream/upstream-failure.ts appends ". Check the id..." after the
  // upstream's own sentence, which already ends with a period: "...not found in this project.. Check".
  it("explains a 404 in clean sentences (no doubled period)", async () => {
    const text = await failure("alert-get", { id: 99_999 });
    expect(text).toContain("HTTP 404");
    expect(text).toContain("Alert 99999 was not found");
    expect(text).not.toContain("..");
  });
});

describe("an upstream that is down (closed port)", () => {
  it("tools/call says it could not reach the upstream, with the connection error", async () => {
    const caller = await connectClient(unreachable.url, stack.keys.admin.key);
    const result = await callTool(caller, "persons-list", { limit: 1 });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain(`Could not reach the upstream at ${down}`);
    expect(resultText(result)).toContain("ECONNREFUSED");
    const again = await callTool(caller, "alerts-list");
    expect(again.isError).toBe(true);
    expect((await caller.listTools()).tools.length).toBe(32);
    await caller.close();
  });

  it("a server that checks keys answers 503 while the upstream is down, and /healthz still answers", async () => {
    const checking = await startDemoMcpServer(down);
    try {
      const response = await fetch(checking.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${stack.keys.admin.key}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message.length).toBeGreaterThan(10);
      expect(JSON.stringify(body)).not.toContain(stack.keys.admin.key);
      const health = await fetch(new URL("/healthz", checking.url));
      expect(health.status).toBe(200);
    } finally {
      await checking.close();
    }
  });
});
