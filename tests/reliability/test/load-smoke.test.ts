// Suite 6 (smoke): 5 concurrent clients for 3 s, against one server and against two replicas in
// round-robin; no request may fail. `pnpm load` runs the full-size version and records figures.
import { createMemoryReplayStore } from "@toolwright/core";
import type { RunningHttpServer } from "@toolwright/server";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { startDemoMcpServer } from "@toolwright/testkit/demo-mcp-server.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { recordFigures } from "./support/figures.js";
import { roundRobinClient, runLoad } from "./support/load-run.js";

describe("load smoke", () => {
  let stack: DemoStack;
  let replicaA: RunningHttpServer;
  let replicaB: RunningHttpServer;

  beforeAll(async () => {
    stack = await startDemoStack();
    // A replay store shared by both replicas, standing in for Redis or similar in a real deployment.
    const replayStore = createMemoryReplayStore();
    replicaA = await startDemoMcpServer(stack.api.url, {
      confirmation: { secret: "test-confirmation-secret-of-at-least-32-bytes", replayStore },
    });
    replicaB = await startDemoMcpServer(stack.api.url, {
      confirmation: { secret: "test-confirmation-secret-of-at-least-32-bytes", replayStore },
    });
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await stack?.close();
  });

  it("5 clients for 3 s on one server: no errors, nothing written", async () => {
    const before = databaseFingerprint(stack.api.dbPath);
    const result = await runLoad({
      urls: [stack.mcp.url],
      key: stack.keys.admin.key,
      clients: 5,
      seconds: 3,
    });
    expect(result.errors, result.errorSamples.join("\n")).toBe(0);
    // Every client got requests through; how many in 3 s depends on the machine (throughput is a benchmark figure).
    expect(result.requests).toBeGreaterThanOrEqual(5);
    expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
    recordFigures("load-smoke", {
      requests: result.requests,
      errors: result.errors,
      throughput: result.throughput,
    });
  });

  it("5 clients for 3 s over two replicas in round-robin: no errors", async () => {
    const result = await runLoad({
      urls: [replicaA.url, replicaB.url],
      key: stack.keys.admin.key,
      clients: 5,
      seconds: 3,
    });
    expect(result.errors, result.errorSamples.join("\n")).toBe(0);
    // Every client got requests through; how many in 3 s depends on the machine (throughput is a benchmark figure).
    expect(result.requests).toBeGreaterThanOrEqual(5);
  });

  it("a confirmation prepared on replica A executes on replica B, once", async () => {
    const onA = await connectClient(replicaA.url, stack.keys.admin.key);
    const onB = await connectClient(replicaB.url, stack.keys.admin.key);
    try {
      const prepared = resultText(await callTool(onA, "destination-delete", { id: 2 }));
      const token = /confirmation_token="([^"]+)"/.exec(prepared)?.[1];
      expect(token).toBeDefined();
      const executed = await callTool(onB, "destination-delete", { id: 2, confirmation_token: token });
      expect(executed.isError ?? false, resultText(executed)).toBe(false);
      const replayed = await callTool(onA, "destination-delete", { id: 2, confirmation_token: token });
      expect(replayed.isError).toBe(true);
      expect(resultText(replayed)).toContain("already used");
    } finally {
      await onA.close();
      await onB.close();
    }
  });

  it("one client's session spans both replicas (initialize on A, calls on B)", async () => {
    const client = await roundRobinClient([replicaA.url, replicaB.url], stack.keys.admin.key);
    try {
      for (let round = 0; round < 6; round += 1)
        expect((await client.listTools()).tools.length).toBeGreaterThan(20);
    } finally {
      await client.close();
    }
  });
});
