import { callTool, connectClient, type DemoStack, resultJson, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: DemoStack;
beforeAll(async () => {
  stack = await startDemoStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("the demo MCP server lists tools per caller", () => {
  it("shows the admin every tool and the reader only read-only ones", async () => {
    const admin = await connectClient(stack.mcp.url, stack.keys.admin.key);
    const reader = await connectClient(stack.mcp.url, stack.keys.reader.key);
    const all = (await admin.listTools()).tools;
    const readable = (await reader.listTools()).tools;
    expect(all.map((tool) => tool.name)).toContain("workflows-run-batch");
    expect(all.length).toBeGreaterThan(readable.length);
    expect(readable.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    const whoami = resultJson<{ scopes: string[] }>(await callTool(reader, "whoami"));
    expect(whoami.scopes).toContain("person:read");
    await admin.close();
    await reader.close();
  });
});
