import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { apiRequest } from "@toolwright/testkit/demo-api-client.ts";
import { startDemoMcpServer } from "@toolwright/testkit/demo-mcp-server.ts";
import { type FaultProxy, startFaultProxy } from "@toolwright/testkit/fault-proxy.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Item, Page } from "./support/tool-results.js";

let stack: DemoStack;
/** Passes every request through, recording its method and path: what the MCP server sent the API. */
let recorder: FaultProxy;
let server: Awaited<ReturnType<typeof startDemoMcpServer>>;
let admin: Client;
const sent: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  stack = await startDemoStack();
  recorder = await startFaultProxy(stack.api.url);
  recorder.setRule(({ method, path }) => {
    sent.push({ method, path });
    return null;
  });
  server = await startDemoMcpServer(recorder.url);
  admin = await connectClient(server.url, stack.keys.admin.key);
});
afterAll(async () => {
  await admin?.close();
  await server?.close();
  await recorder?.close();
  await stack?.close();
});

const cohortIds = async (): Promise<number[]> => {
  const result = await callTool(admin, "cohorts-list", { limit: 100 });
  expect(result.isError, resultText(result)).toBeFalsy();
  return (JSON.parse(resultText(result)) as Page<Item>).results.map((cohort) => Number(cohort.id));
};

describe("cohort-delete (soft_delete: true) through the SDK client", () => {
  it("sends PATCH deleted=true, never DELETE, and the cohort leaves the list but stays readable", async () => {
    const created = await apiRequest<{ id: number }>(
      stack.api.url,
      stack.keys.admin.key,
      "POST",
      "/api/cohorts",
      {
        name: "Soft-deleted in a test",
        is_static: true,
        person_ids: [],
      },
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(await cohortIds()).toContain(id);

    const prepared = await callTool(admin, "cohort-delete", { id });
    expect(prepared.isError, resultText(prepared)).toBeFalsy();
    const token = /confirmation_token="([^"]+)"/.exec(resultText(prepared))?.[1];
    expect(token, resultText(prepared)).toBeDefined();
    const before = sent.length;
    const done = await callTool(admin, "cohort-delete", { id, confirmation_token: token });
    expect(done.isError, resultText(done)).toBeFalsy();

    const calls = sent.slice(before).filter((call) => call.path.startsWith("/api/cohorts"));
    expect(calls).toContainEqual({ method: "PATCH", path: `/api/cohorts/${id}` });
    expect(sent.filter((call) => call.method === "DELETE")).toEqual([]);

    expect(await cohortIds()).not.toContain(id);
    const stored = await apiRequest<{ deleted: boolean; name: string }>(
      stack.api.url,
      stack.keys.admin.key,
      "GET",
      `/api/cohorts/${id}`,
    );
    expect(stored).toMatchObject({ status: 200, body: { deleted: true, name: "Soft-deleted in a test" } });
  });

  it("keeps the DELETE operation's inputs in the agent's schema (no 'deleted' argument to send)", async () => {
    const tool = (await admin.listTools()).tools.find((entry) => entry.name === "cohort-delete");
    expect(Object.keys(tool?.inputSchema.properties ?? {}).sort()).toEqual(["confirmation_token", "id"]);
    expect(tool?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
  });

  it("the demo API itself refuses a hard DELETE, naming the update to send", async () => {
    const answer = await apiRequest<{ message: string }>(
      stack.api.url,
      stack.keys.admin.key,
      "DELETE",
      "/api/cohorts/1",
    );
    expect(answer.status).toBe(405);
    expect(answer.body.message).toContain('PATCH /api/cohorts/1 with {"deleted": true}');
  });
});
