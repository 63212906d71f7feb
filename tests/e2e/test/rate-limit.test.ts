// The demo's Slack channel listing is limited to 30 a minute per project, by the MCP server (its
// own counters) and by the product API (the authority). Either refusal reaches the agent as an
// isError result that says when to retry.
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { startDemoMcpServer } from "@toolwright/testkit/demo-mcp-server.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SLACK = { id: 1 };

describe("rate_limit on integrations-channels-retrieve", () => {
  let stack: DemoStack;
  let lone: Awaited<ReturnType<typeof startDemoMcpServer>>;
  beforeAll(async () => {
    stack = await startDemoStack();
    // A second MCP server with its own in-memory counters: the API still holds the project's limit.
    lone = await startDemoMcpServer(stack.api.url);
  });
  afterAll(async () => {
    await lone?.close();
    await stack?.close();
  });

  it("refuses the 31st listing of a minute in the MCP server itself, saying when to retry", async () => {
    const client = await connectClient(stack.mcp.url, stack.keys.admin.key);
    for (let index = 0; index < 30; index++) {
      const result = await callTool(client, "integrations-channels-retrieve", SLACK);
      expect(result.isError, resultText(result)).toBeFalsy();
    }
    const refused = await callTool(client, "integrations-channels-retrieve", SLACK);
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(
      /^Rejected by the rate_limit guard of 'integrations-channels-retrieve': 'integrations-channels-retrieve' allows 30 calls per 60 s per project, and that many were made\. Retry in \d+ s \(after .+Z\)\.$/,
    );
    await client.close();
  });

  it("surfaces the API's own 429 from another replica with its Retry-After", async () => {
    // The project used its 30 listings through the first server; this one has not counted any.
    const client = await connectClient(lone.url, stack.keys.admin.key);
    const refused = await callTool(client, "integrations-channels-retrieve", SLACK);
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(
      /^'integrations-channels-retrieve' failed\. The upstream is rate limiting \(HTTP 429\): .*allows 30 calls per 60 s per project.*Retry in \d+ s \(after .+Z\)\.$/,
    );
    // Another project is not affected.
    const other = await connectClient(lone.url, stack.keys.other.key);
    const otherResult = await callTool(other, "integrations-list", {});
    expect(otherResult.isError).toBeFalsy();
    await Promise.all([client.close(), other.close()]);
  });
});
