import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { serveHttp } from "../src/http/serve-http.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp, jsonOf, textOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

/** A port nothing listens on: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("upstream failures become isError results and the server keeps answering", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ timeoutMs: 300 });
  });
  afterAll(() => harness.close());

  async function expectAlive(client: Awaited<ReturnType<Harness["connect"]>>) {
    const next = await client.callTool({ name: "project-whoami", arguments: {} });
    expect(jsonOf(next)).toEqual({ project: 1 });
  }

  it("a slow upstream times out", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "diagnostics-run", arguments: { mode: "slow" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("did not answer within 0.3 s");
    await expectAlive(client);
  });

  it("a 500 names the status, the upstream's message and what to do", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "diagnostics-run", arguments: { mode: "fail" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "'diagnostics-run' failed. The upstream failed (HTTP 500): database exploded. This is a problem on the upstream's side: retry later.",
    );
    expect(textOf(result)).not.toMatch(/at .*\.ts:\d+/);
    await expectAlive(client);
  });

  it("invalid JSON is reported as such", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "diagnostics-run", arguments: { mode: "badjson" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("not valid JSON");
    await expectAlive(client);
  });

  it("an idempotent read is retried once on 503", async () => {
    const client = await harness.connect("admin");
    const before = harness.upstream.calls().filter((call) => call.path.endsWith("/flaky")).length;
    const result = await client.callTool({ name: "diagnostics-run", arguments: { mode: "flaky" } });
    expect(jsonOf(result)).toEqual({ flaky: "recovered" });
    expect(harness.upstream.calls().filter((call) => call.path.endsWith("/flaky")).length).toBe(before + 2);
  });

  it("a write is never retried", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "workflows-create", arguments: { name: "once" } });
    expect(result.isError).toBeFalsy();
    expect(
      harness.upstream.calls().filter((call) => call.method === "POST" && call.path === "/api/workflows")
        .length,
    ).toBe(1);
  });
});

describe("an upstream that is down", () => {
  it("gives a connection error result, with static scopes instead of introspection", async () => {
    const port = await closedPort();
    const server = await serveHttp({
      catalog: createCatalog({ definitions: testDefinitions(`http://127.0.0.1:${port}`) }),
      scopes: ["workflow:read"],
      port: 0,
      logger: { warn: () => {}, error: () => {} },
    });
    const client = await connectHttp(server.url, "any-key");
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        "workflows-get",
        "workflows-list",
      ]);
      const first = await client.callTool({ name: "workflows-get", arguments: { id: 1 } });
      expect(first.isError).toBe(true);
      expect(textOf(first)).toContain(
        `Could not reach the upstream at http://127.0.0.1:${port} (ECONNREFUSED)`,
      );
      const second = await client.callTool({ name: "workflows-list", arguments: {} });
      expect(second.isError).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
