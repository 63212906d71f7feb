import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, textOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

describe("compact mode", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const compact = (key: string) => harness.connect(key, { query: { mode: "compact" } });

  it("lists three tools whatever the catalog size", async () => {
    const { tools } = await (await compact("admin")).listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["call-tool", "describe-tool", "search-tools"]);
    expect(JSON.stringify(tools).length).toBeLessThan(3_000);
  });

  it("searches only the caller's visible tools, one line each", async () => {
    const reader = await compact("reader");
    const text = textOf(await reader.callTool({ name: "search-tools", arguments: { query: "workflows" } }));
    expect(text.split("\n")).toEqual([
      "workflows-get: Does workflows-get.",
      "workflows-list: Does workflows-list.",
    ]);
    const all = textOf(await reader.callTool({ name: "search-tools", arguments: {} }));
    expect(all).not.toContain("workflows-create");
    expect(all.split("\n")).toHaveLength(7);
  });

  it("describes a visible tool with its full schema and refuses a hidden one", async () => {
    const reader = await compact("reader");
    const described = jsonOf(
      await reader.callTool({ name: "describe-tool", arguments: { name: "workflows-get" } }),
    );
    expect(described).toMatchObject({
      name: "workflows-get",
      inputSchema: { required: ["id"] },
      scopes: ["workflow:read"],
    });
    const hidden = await reader.callTool({ name: "describe-tool", arguments: { name: "workflows-create" } });
    expect(hidden.isError).toBe(true);
  });

  it("describes a tool only when calling it would pass the feature flag and view checks", async () => {
    const reader = await compact("reader");
    const describe = (name: string) => reader.callTool({ name: "describe-tool", arguments: { name } });
    expect(jsonOf(await describe("insights-legacy"))).toMatchObject({ name: "insights-legacy" });
    const flagged = await describe("insights-beta");
    expect(flagged.isError).toBe(true);
    expect(textOf(flagged)).toContain("No tool 'insights-beta' is available to you");
    expect((await describe("no-such-tool")).isError).toBe(true);
    const narrowed = await harness.connect("reader", { query: { mode: "compact", tools: "workflows-list" } });
    const filtered = await narrowed.callTool({ name: "describe-tool", arguments: { name: "workflows-get" } });
    expect(filtered.isError).toBe(true);
    const kept = await narrowed.callTool({ name: "describe-tool", arguments: { name: "workflows-list" } });
    expect(jsonOf(kept)).toMatchObject({ name: "workflows-list" });
  });

  it("calls through the same scopes, guards and confirmation", async () => {
    const reader = await compact("reader");
    const ok = await reader.callTool({
      name: "call-tool",
      arguments: { name: "workflows-get", arguments: { id: 1 } },
    });
    expect(jsonOf(ok)).toMatchObject({ id: 1, name: "Acme onboarding" });
    const denied = await reader.callTool({
      name: "call-tool",
      arguments: { name: "workflows-create", arguments: { name: "x" } },
    });
    expect(textOf(denied)).toContain("needs the scope 'workflow:write'");
    const admin = await compact("admin");
    const guarded = await admin.callTool({
      name: "call-tool",
      arguments: { name: "workflows-run-batch", arguments: { id: 2, acknowledged_audience_count: 10 } },
    });
    expect(textOf(guarded)).toContain("but it is 'draft'");
    const prepared = await admin.callTool({
      name: "call-tool",
      arguments: { name: "workflows-delete", arguments: { id: 1 } },
    });
    const token = /confirmation_token="([^"]+)"/.exec(textOf(prepared))?.[1];
    const executed = await admin.callTool({
      name: "call-tool",
      arguments: { name: "workflows-delete", arguments: { confirmation_token: token } },
    });
    expect(jsonOf(executed)).toEqual({ deleted: 1 });
  });
});
