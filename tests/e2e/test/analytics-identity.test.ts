// The demo's analytics as deployed, on real traffic: who called (a key id, never the key or its hash),
// which project (a PostHog group), one session per client connection over stateless HTTP, and no
// results (people's e-mails) in events unless asked for.
import { callTool, connectClient, type DemoStack, startDemoStack } from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack({ analytics: true });
});
afterAll(() => stack?.close());

async function settledEvents(count: number) {
  await vi.waitFor(
    () =>
      expect((stack.events?.events ?? []).filter((event) => event.event === "$mcp_tool_call").length).toBe(
        count,
      ),
    { timeout: 10_000, interval: 20 },
  );
  return stack.events?.events ?? [];
}

describe("demo analytics on real traffic", () => {
  it("identifies callers by key id and project, keeps one session per connection, and leaves results out", async () => {
    stack.events?.clear();
    const admin = await connectClient(stack.mcp.url, stack.keys.admin.key);
    const reader = await connectClient(stack.mcp.url, stack.keys.reader.key);
    await admin.listTools();
    for (let index = 0; index < 2; index++) {
      await callTool(admin, "persons-list", { limit: 2, context: "look at a few persons" });
      await callTool(reader, "persons-list", { limit: 1 });
    }
    const refused = await callTool(reader, "alert-delete", { id: 1 });
    expect(refused.isError).toBe(true);
    await admin.close();
    await reader.close();
    const events = await settledEvents(5);

    const callers = new Set(events.map((event) => event.distinct_id));
    expect(callers.size).toBe(2);
    for (const id of callers) expect(id).toMatch(/^key:\d+$/);
    const calls = events.filter((event) => event.event === "$mcp_tool_call");
    for (const call of calls) {
      expect(call.properties.$groups).toEqual({ project: expect.stringMatching(/^\d+$/) });
      expect(call.properties.$mcp_client_name).toBe("toolwright-tests");
      expect(call.properties).not.toHaveProperty("$mcp_response");
    }
    // Sessions: the conversation id the agent would echo; each caller's calls without one share theirs.
    const sessions = (caller: string) =>
      new Set(
        events.filter((event) => event.distinct_id === caller).map((event) => event.properties.$session_id),
      );
    for (const caller of callers) expect(sessions(caller).size).toBe(1);
    const identifies = events.filter((event) => event.event === "$identify");
    expect(identifies.map((event) => event.distinct_id).sort()).toEqual([...callers].sort());
    const refusal = calls.find((call) => call.properties.$mcp_tool_name === "alert-delete");
    expect(refusal?.properties.$mcp_error_kind).toBe("scope_refusal");
    const serialized = JSON.stringify(events);
    expect(serialized).not.toContain(stack.keys.admin.key);
    expect(serialized).not.toContain(stack.keys.reader.key);
    expect(serialized).not.toMatch(/@example\.(com|org)/);
  });
});
