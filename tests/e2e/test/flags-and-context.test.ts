import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  callTool,
  connectClient,
  type DemoStack,
  resultJson,
  resultText,
  startDemoStack,
} from "@toolwright/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The demo stack with the swap pair's flag on through the local provider, as `TOOLWRIGHT_FLAGS` sets it. */
let flagged: DemoStack;
let plain: DemoStack;
const clients: Client[] = [];

beforeAll(async () => {
  [flagged, plain] = await Promise.all([
    startDemoStack({ environment: { TOOLWRIGHT_FLAGS: "insights-compact-list" } }),
    startDemoStack(),
  ]);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all([flagged?.close(), plain?.close()]);
});

async function connect(stack: DemoStack, key: string): Promise<Client> {
  const client = await connectClient(stack.mcp.url, key);
  clients.push(client);
  return client;
}

const insightTools = async (client: Client) =>
  (await client.listTools()).tools.map((tool) => tool.name).filter((name) => name.startsWith("insights-"));

describe("the demo's feature flags (local provider)", () => {
  it("serves the legacy tool of the swap pair with no flag on, and the compact one with the flag on", async () => {
    expect(await insightTools(await connect(plain, plain.keys.admin.key))).toEqual(["insights-list"]);
    expect(await insightTools(await connect(flagged, flagged.keys.admin.key))).toEqual([
      "insights-list-compact",
    ]);
    const compact = resultJson<{ results: Array<Record<string, unknown>> }>(
      await callTool(await connect(flagged, flagged.keys.admin.key), "insights-list-compact", {}),
    );
    expect(compact.results.length).toBeGreaterThan(0);
    for (const insight of compact.results) expect(Object.keys(insight).sort()).toEqual(["id", "name", "url"]);
  });
});

describe("the demo's project-scoped route (context-bound project_id)", () => {
  it("lists the members of the caller's own project without asking the agent for project_id", async () => {
    const admin = await connect(plain, plain.keys.admin.key);
    const tool = (await admin.listTools()).tools.find((entry) => entry.name === "project-members-list");
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(["limit", "offset"]);
    const whoami = resultJson<{ project: { id: number } }>(await callTool(admin, "whoami"));
    const mine = resultJson<{ results: Array<{ email: string }> }>(
      await callTool(admin, "project-members-list", {}),
    );
    const other = resultJson<{ results: Array<{ email: string }> }>(
      await callTool(await connect(plain, plain.keys.other.key), "project-members-list", {}),
    );
    expect(mine.results.length).toBeGreaterThan(0);
    expect(other.results.map((user) => user.email)).not.toEqual(mine.results.map((user) => user.email));
    expect(whoami.project.id).toBeTypeOf("number");
  });

  it("refuses a project_id sent by the agent instead of using it", async () => {
    const admin = await connect(plain, plain.keys.admin.key);
    const result = await callTool(admin, "project-members-list", { project_id: 2 });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("project_id");
  });
});
