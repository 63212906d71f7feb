import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { listedTool, toolListSize } from "@toolwright/codegen";
import { type CatalogTool, hasScopes, parseScopes } from "@toolwright/core";
import {
  callTool,
  connectClient,
  type DemoStack,
  resultJson,
  resultText,
  startDemoStack,
} from "@toolwright/testkit";
import { createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { generatedDemoTools, servedByDefault } from "@toolwright/testkit/demo-catalog-files.ts";
import { connectClientWithHeaders } from "@toolwright/testkit/mcp-client-with-headers.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: DemoStack;
const clients: Client[] = [];
// No flag is on in the test stack: tools behind an `enable` flag are not listed.
const catalog = servedByDefault(generatedDemoTools());

beforeAll(async () => {
  stack = await startDemoStack();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await stack?.close();
});

async function client(key: string | null, query: Record<string, string> = {}): Promise<Client> {
  const connected = await connectClient(stack.mcp.url, key, query);
  clients.push(connected);
  return connected;
}

async function withHeaders(key: string, headers: Record<string, string>): Promise<Client> {
  const connected = await connectClientWithHeaders(stack.mcp.url, { key, headers });
  clients.push(connected);
  return connected;
}

async function names(connected: Client): Promise<string[]> {
  return (await connected.listTools()).tools.map((tool) => tool.name);
}

/** The catalog tools a key with these scopes may use, plus `whoami` (no scopes), sorted like the server. */
function expectedFor(scopes: readonly string[]): string[] {
  const granted = parseScopes(scopes);
  return [
    ...catalog.filter((tool) => hasScopes(granted, parseScopes(tool.scopes))).map((tool) => tool.name),
    "whoami",
  ].sort();
}

const sorted = (values: readonly string[]) => [...values].sort();

describe("the demo MCP server lists tools per caller", () => {
  it("shows the admin exactly the catalog's tools plus whoami, sorted", async () => {
    const all = await names(await client(stack.keys.admin.key));
    expect(catalog).toHaveLength(31);
    expect(all).toEqual(sorted([...catalog.map((tool) => tool.name), "whoami"]));
    expect(all).toEqual(sorted(all));
  });

  it("shows the reader exactly the read-only tools", async () => {
    const reader = await client(stack.keys.reader.key);
    const listed = (await reader.listTools()).tools;
    const readOnly = sorted([
      ...catalog
        .filter((tool) => tool.scopes.every((scope) => scope.endsWith(":read")))
        .map((tool) => tool.name),
      "whoami",
    ]);
    expect(listed.map((tool) => tool.name)).toEqual(readOnly);
    expect(listed.map((tool) => tool.name)).toEqual(expectedFor(stack.keys.reader.scopes));
    expect(listed.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(listed.map((tool) => tool.name)).not.toContain("workflows-run-batch");
    const whoami = resultJson<{ scopes: string[] }>(await callTool(reader, "whoami"));
    expect(whoami.scopes).toContain("person:read");
  });

  it("hides tools needing person:read from a hog_flow:write key and names the missing scope on call", async () => {
    const key = await createApiKey(stack.api.url, stack.keys.admin.key, ["hog_flow:write", "hog_flow:read"]);
    const flows = await client(key);
    const listed = await names(flows);
    expect(listed).toEqual(expectedFor(["hog_flow:write", "hog_flow:read"]));
    expect(listed).toContain("workflows-list");
    expect(listed).toContain("workflows-list-batch-jobs");
    for (const hidden of ["workflows-run-batch", "workflows-schedule-create", "workflows-blast-radius"]) {
      expect(listed).not.toContain(hidden);
    }
    for (const name of ["workflows-run-batch", "workflows-schedule-create"]) {
      const result = await callTool(flows, name, { id: 1, acknowledged_affected_count: 40 });
      expect(result.isError).toBe(true);
      expect(resultText(result)).toContain("person:read");
      expect(resultText(result)).not.toContain("hog_flow:write'");
    }
    const batchJobs = resultJson<{ count: number }>(
      await callTool(flows, "workflows-list-batch-jobs", { id: 1 }),
    );
    expect(batchJobs.count).toBe(0);
  });

  it("narrows by ?features=, ?tools= and ?readonly=true", async () => {
    const admin = stack.keys.admin.key;
    const workflowTools = sorted(
      catalog.filter((tool) => tool.feature === "workflows").map((tool) => tool.name),
    );
    expect(workflowTools.length).toBeGreaterThan(5);
    expect(await names(await client(admin, { features: "workflows" }))).toEqual(workflowTools);
    expect(await names(await client(admin, { features: "alerts,account" }))).toEqual(
      sorted([...catalog.filter((tool) => tool.feature === "alerts").map((tool) => tool.name), "whoami"]),
    );
    expect(await names(await client(admin, { tools: "persons-list,whoami,alert-delete" }))).toEqual([
      "alert-delete",
      "persons-list",
      "whoami",
    ]);
    const readOnly = sorted([
      ...catalog.filter((tool) => tool.annotations.readOnlyHint === true).map((tool) => tool.name),
      "whoami",
    ]);
    expect(await names(await client(admin, { readonly: "true" }))).toEqual(readOnly);
    expect(await names(await client(admin, { features: "workflows", readonly: "true" }))).toEqual(
      workflowTools.filter((name) => readOnly.includes(name)),
    );
  });

  it("narrows the same way with x-toolwright-* headers, and refuses calls to filtered-out tools", async () => {
    const admin = stack.keys.admin.key;
    const byQuery = await names(await client(admin, { features: "cohorts" }));
    const byHeader = await withHeaders(admin, { "x-toolwright-features": "cohorts" });
    expect(await names(byHeader)).toEqual(byQuery);
    expect(byQuery).toEqual(["cohort-create", "cohort-delete", "cohort-get", "cohorts-list"]);
    expect(await names(await withHeaders(admin, { "x-toolwright-tools": "whoami,users-list" }))).toEqual([
      "users-list",
      "whoami",
    ]);
    const readonly = await withHeaders(admin, { "x-toolwright-readonly": "true" });
    expect(await names(readonly)).toEqual(await names(await client(admin, { readonly: "true" })));
    const refused = await callTool(readonly, "alert-delete", { id: 1 });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/not available in this session/);
  });

  it("serves three meta-tools in compact mode, and call-tool keeps scopes and guards", async () => {
    const admin = await client(stack.keys.admin.key, { mode: "compact" });
    expect(await names(admin)).toEqual(["call-tool", "describe-tool", "search-tools"]);
    const reader = await client(stack.keys.reader.key, { mode: "compact" });
    expect(await names(reader)).toEqual(["call-tool", "describe-tool", "search-tools"]);

    const found = resultText(await callTool(reader, "search-tools", { query: "workflow" }));
    expect(found).toContain("workflows-list:");
    expect(found).not.toContain("workflows-run-batch");

    const persons = resultJson<{ results: unknown[] }>(
      await callTool(reader, "call-tool", { name: "persons-list", arguments: { limit: 3 } }),
    );
    expect(persons.results).toHaveLength(3);

    const refused = await callTool(reader, "call-tool", {
      name: "workflows-run-batch",
      arguments: { id: 1, acknowledged_affected_count: 40 },
    });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toContain("hog_flow:write");

    const guarded = await callTool(admin, "call-tool", {
      name: "workflows-run-batch",
      arguments: { id: 2, acknowledged_affected_count: 1 },
    });
    expect(guarded.isError).toBe(true);
    expect(resultText(guarded)).toMatch(/active/);

    const confirm = await callTool(admin, "call-tool", { name: "alert-delete", arguments: { id: 2 } });
    expect(confirm.isError).toBeFalsy();
    const token = /confirmation_token="([^"]+)"/.exec(resultText(confirm))?.[1];
    expect(token).toBeDefined();
    const readerTry = await callTool(reader, "call-tool", {
      name: "alert-delete",
      arguments: { confirmation_token: token },
    });
    expect(readerTry.isError).toBe(true);
    expect(resultText(readerTry)).toContain("alert:write");
    const deleted = await callTool(admin, "call-tool", {
      name: "alert-delete",
      arguments: { confirmation_token: token },
    });
    expect(deleted.isError, resultText(deleted)).toBeFalsy();
    const alerts = resultJson<{ results: Array<{ id: number }> }>(
      await callTool(admin, "call-tool", { name: "alerts-list" }),
    );
    expect(alerts.results.map((alert) => alert.id)).toEqual([1]);
  });

  it("turns compact mode on with the x-toolwright-mode header too", async () => {
    const compact = await withHeaders(stack.keys.reader.key, { "x-toolwright-mode": "compact" });
    expect(await names(compact)).toEqual(["call-tool", "describe-tool", "search-tools"]);
    const described = resultJson<{ name: string; scopes: string[] }>(
      await callTool(compact, "describe-tool", { name: "persons-list" }),
    );
    expect(described).toMatchObject({ name: "persons-list", scopes: ["person:read"] });
    const hidden = await callTool(compact, "describe-tool", { name: "alert-delete" });
    expect(hidden.isError).toBe(true);
  });

  it("sends each tool exactly as codegen's tools/list size counts it (inspect, lint budget, bench)", async () => {
    const listed = (await (await client(stack.keys.admin.key)).listTools()).tools;
    const tools = catalog as unknown as CatalogTool[];
    const generated = listed.filter((tool) => tool.name !== "whoami");
    expect(generated.map((tool) => tool.name)).toEqual(tools.map((tool) => tool.name).sort());
    for (const tool of generated) {
      const counted = tools.find((entry) => entry.name === tool.name) as CatalogTool;
      expect(tool, tool.name).toEqual(listedTool(counted));
      // The title once: at the top level, not again as annotations.title.
      expect(tool.annotations, tool.name).not.toHaveProperty("title");
    }
    const sorted = [...tools].sort((left, right) => left.name.localeCompare(right.name));
    expect(Buffer.byteLength(JSON.stringify({ tools: generated }))).toBe(toolListSize(sorted).totalBytes);
  });

  it("lists in the same order every time and for every connection", async () => {
    const first = await names(await client(stack.keys.admin.key));
    const second = await names(await client(stack.keys.admin.key));
    const again = await names(await client(stack.keys.admin.key));
    expect(second).toEqual(first);
    expect(again).toEqual(first);
    expect(first).toEqual(sorted(first));
  });
});
