import { ToolwrightError } from "@toolwright/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCatalog } from "../src/catalog/create-catalog.js";
import { defineTool } from "../src/catalog/define-tool.js";
import { testDefinitions } from "./support/catalog.js";
import { jsonOf, textOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

const summary = defineTool({
  name: "workflows-summary",
  title: "Summarise workflows",
  description: "Counts workflows by status.",
  input: z.object({ status: z.enum(["active", "draft"]).optional() }),
  output: z.object({ total: z.number(), matching: z.number() }),
  scopes: ["workflow:read"],
  annotations: { readOnlyHint: true },
  feature: "workflows",
  async handler(args, context) {
    const page = (await context.upstream({ method: "GET", path: "/api/workflows" })) as {
      results: Array<{ status: string }>;
    };
    return {
      total: page.results.length,
      matching: page.results.filter((flow) => !args.status || flow.status === args.status).length,
    };
  },
});

const replacement = defineTool({
  name: "workflows-get",
  title: "Get a workflow (hand-written)",
  description: "Returns a workflow's name only.",
  input: z.object({
    id: z
      .number()
      .int()
      .refine((value) => value !== 13, "unlucky id"),
  }),
  scopes: ["workflow:read"],
  annotations: { readOnlyHint: true },
  replaces: true,
  handler: async (args, context) => {
    const flow = (await context.upstream({ method: "GET", path: `/api/workflows/${args.id}` })) as {
      name: string;
    };
    return { name: flow.name, caller: context.caller.id.length };
  },
});

const failing = defineTool({
  name: "tools-explode",
  title: "Explode",
  description: "Always throws.",
  input: z.object({}),
  scopes: ["workflow:read"],
  annotations: { readOnlyHint: true },
  handler: () => {
    throw new Error("secret internals at /srv/app.ts:12");
  },
});

// Answers in a shape its output schema does not allow, as an upstream that drifted from its spec would.
const drifting = defineTool({
  name: "workflows-drift",
  title: "Drift",
  description: "Returns a count as text.",
  input: z.object({}),
  output: z.object({ total: z.number() }),
  scopes: ["workflow:read"],
  annotations: { readOnlyHint: true },
  handler: () => ({ total: "three" }) as unknown as { total: number },
});

describe("hand-written tools", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ tools: [summary, replacement, failing, drifting] });
  });
  afterAll(() => harness.close());

  it("are listed with a JSON Schema from Zod and run with the caller's key", async () => {
    const client = await harness.connect("reader");
    const { tools } = await client.listTools();
    const listed = tools.find((tool) => tool.name === "workflows-summary");
    expect(listed?.inputSchema.properties).toEqual({ status: { type: "string", enum: ["active", "draft"] } });
    const result = await client.callTool({ name: "workflows-summary", arguments: { status: "active" } });
    expect(result.structuredContent).toEqual({ total: 3, matching: 2 });
    expect(harness.upstream.calls().at(-1)?.authorization).toBe("Bearer reader");
    const invalid = await client.callTool({ name: "workflows-summary", arguments: { status: "gone" } });
    expect(invalid.isError).toBe(true);
  });

  it("replace a generated tool when they say so", async () => {
    const client = await harness.connect("reader");
    const listed = (await client.listTools()).tools.find((tool) => tool.name === "workflows-get");
    expect(listed?.title).toBe("Get a workflow (hand-written)");
    expect(jsonOf(await client.callTool({ name: "workflows-get", arguments: { id: 2 } }))).toEqual({
      name: "Acme winback",
      caller: 43,
    });
  });

  it("report what Zod refuses beyond the JSON Schema as an argument error", async () => {
    const result = await (await harness.connect("reader")).callTool({
      name: "workflows-get",
      arguments: { id: 13 },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("'workflows-get' failed: invalid arguments: 'id': unlucky id");
  });

  it("report a thrown error without internals", async () => {
    const result = await (await harness.connect("reader")).callTool({ name: "tools-explode", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("internal error");
    expect(textOf(result)).not.toContain("/srv/app.ts");
  });

  it("clash with a generated tool unless they say `replaces: true`", () => {
    const clash = defineTool({ ...replacement.config, replaces: undefined } as never);
    const build = () => createCatalog({ definitions: testDefinitions(), tools: [clash] });
    expect(build).toThrow(ToolwrightError);
    expect(build).toThrow(/'workflows-get'.*set `replaces: true`/);
    const needless = defineTool({ ...summary.config, replaces: true } as never);
    expect(() => createCatalog({ definitions: testDefinitions(), tools: [needless] })).toThrow(
      /no generated tool has that name/,
    );
    expect(() => createCatalog({ definitions: testDefinitions(), tools: [summary, summary] })).toThrow(
      /defined twice/,
    );
  });

  it("reject bad scopes and names when the catalog is built", () => {
    const badScope = defineTool({ ...summary.config, scopes: ["workflows"] } as never);
    expect(() => createCatalog({ definitions: testDefinitions(), tools: [badScope] })).toThrow(
      /invalid scope 'workflows'/,
    );
    const badName = defineTool({ ...summary.config, name: "Bad Name" } as never);
    expect(() => createCatalog({ definitions: testDefinitions(), tools: [badName] })).toThrow(/'Bad Name'/);
  });

  it("answer a result that drifted from the output schema as an error the SDK client accepts, with the data as text", async () => {
    const client = await harness.connect("reader");
    // The SDK client validates structuredContent against outputSchema and throws on a mismatch; this must not throw.
    const result = await client.callTool({ name: "workflows-drift", arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toContain("not in the shape this tool documents ('total' must be number)");
    expect(textOf(result)).toContain('{"total":"three"}');
  });
});
