import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, textOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

describe("tools/call against the upstream", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ appBaseUrl: "https://app.example.com" });
  });
  afterAll(() => harness.close());

  const lastCall = () => harness.upstream.calls().at(-1);

  it("sends a GET with query arguments (exploded arrays, deepObject) and the caller's own key", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({
      name: "workflows-list",
      arguments: { search: "onboarding", tags: ["a", "b c"], filter: { owner: 7 } },
    });
    expect(result.isError).toBeFalsy();
    const call = lastCall();
    expect(call?.path).toBe("/api/workflows");
    expect(new URLSearchParams(call?.query).getAll("tag")).toEqual(["a", "b c"]);
    expect(new URLSearchParams(call?.query).get("filter[owner]")).toBe("7");
    expect(call?.authorization).toBe("Bearer admin");
  });

  it("applies exclude and strip_nulls per list item and adds links", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "workflows-list", arguments: {} });
    const page = jsonOf(result) as { count: number; results: Array<Record<string, unknown>> };
    expect(page.count).toBe(3);
    expect(page.results[0]).toEqual({
      id: 1,
      name: "Acme onboarding",
      status: "active",
      owner: { email: "ana@example.com" },
      audience: 42,
      url: "https://app.example.com/workflows/1",
    });
    expect(page.results[1]?.description).toBe("Bring users back");
  });

  it("applies include on an object, links from arguments, and returns structuredContent", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({ name: "workflows-get", arguments: { id: 2 } });
    const expected = {
      id: 2,
      name: "Acme winback",
      status: "draft",
      owner: { email: "bo@example.com" },
      description: "Bring users back",
      url: "https://app.example.com/project/workflows/2/edit",
    };
    expect(jsonOf(result)).toEqual(expected);
    expect(result.structuredContent).toEqual(expected);
  });

  it("applies include with strip_nulls on list items", async () => {
    const result = await (await harness.connect("reader")).callTool({ name: "persons-list", arguments: {} });
    expect(jsonOf(result)).toEqual({ results: [{ id: 1, email: "ana@example.com" }] });
  });

  it("POSTs a JSON body built from body arguments", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({
      name: "workflows-create",
      arguments: { name: "New flow", trigger: "batch" },
    });
    expect(jsonOf(result)).toEqual({ id: 99, name: "New flow", trigger: "batch" });
    expect(lastCall()?.contentType).toBe("application/json");
    expect(JSON.parse(lastCall()?.body ?? "")).toEqual({ name: "New flow", trigger: "batch" });
  });

  it("sends a form-urlencoded body with deepObject fields nested Stripe-style", async () => {
    const client = await harness.connect("admin");
    await client.callTool({
      name: "contacts-import",
      arguments: {
        email: "a+b@example.com",
        metadata: { plan: "pro", seats: { max: 5 } },
        tags: ["x", "y"],
        active: true,
      },
    });
    expect(lastCall()?.contentType).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(lastCall()?.body)]).toEqual([
      ["email", "a+b@example.com"],
      ["metadata[plan]", "pro"],
      ["metadata[seats][max]", "5"],
      ["tags[0]", "x"],
      ["tags[1]", "y"],
      ["active", "true"],
    ]);
  });

  it("sends multipart with base64 fields decoded to files", async () => {
    const client = await harness.connect("admin");
    const file = Buffer.from("hello, file").toString("base64");
    const result = await client.callTool({ name: "files-upload", arguments: { name: "notes", file } });
    expect(lastCall()?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(jsonOf(result)).toEqual({
      name: "notes",
      file: { type: "text/plain", text: "hello, file", filename: "file" },
    });
  });

  it("rejects unknown and ill-typed arguments before calling the upstream", async () => {
    const client = await harness.connect("admin");
    const before = harness.upstream.calls().length;
    const unknown = await client.callTool({ name: "workflows-get", arguments: { id: 1, sneaky: true } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain("unknown argument 'sneaky'");
    const wrong = await client.callTool({
      name: "workflows-create",
      arguments: { name: "x", trigger: "cron" },
    });
    expect(textOf(wrong)).toContain('\'trigger\' must be one of "batch", "event"');
    const missing = await client.callTool({ name: "workflows-get", arguments: {} });
    expect(textOf(missing)).toContain("missing required argument 'id'");
    expect(harness.upstream.calls().length).toBe(before);
  });

  it("turns an upstream 404 into an isError result that says what to do", async () => {
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-get",
      arguments: { id: 404 },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("HTTP 404");
    expect(textOf(result)).toContain("Workflow not found.");
    expect(textOf(result)).toContain("Check the id");
  });

  it("caps a large result by whole list items with a clear note", async () => {
    const capped = await startHarness({ maxResultBytes: 2_000 });
    try {
      const result = await (await capped.connect("admin")).callTool({
        name: "diagnostics-big",
        arguments: {},
      });
      const text = textOf(result);
      expect(Buffer.byteLength(text.split("\n\n[Truncated")[0] ?? "")).toBeLessThanOrEqual(2_000);
      expect(text).toMatch(/\[Truncated: the result was \d+ bytes.*showing the first \d+ of 3000 results/);
      expect(JSON.parse(text.split("\n\n[Truncated")[0] ?? "").results.length).toBeGreaterThan(10);
    } finally {
      await capped.close();
    }
  });
});
