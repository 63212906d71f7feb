import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, textOf } from "./support/client.js";
import { type Harness, startHarness } from "./support/harness.js";

describe("guards through MCP", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const runs = () =>
    harness.upstream.calls().filter((call) => call.method === "POST" && call.path.endsWith("/run"));

  it("runs a batch when the state is allowed and the acknowledged count matches", async () => {
    const client = await harness.connect("admin");
    const result = await client.callTool({
      name: "workflows-run-batch",
      arguments: { id: 1, acknowledged_audience_count: 42 },
    });
    expect(result.isError).toBeFalsy();
    expect(jsonOf(result)).toMatchObject({ started: true, id: 1 });
  });

  it("rejects a drifted count, naming the current number", async () => {
    const before = runs().length;
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-run-batch",
      arguments: { id: 1, acknowledged_audience_count: 40 },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("acknowledged_count");
    expect(textOf(result)).toContain("is now 42, you acknowledged 40");
    expect(runs().length).toBe(before);
  });

  it("rejects an audience over the cap", async () => {
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-run-batch",
      arguments: { id: 3, acknowledged_audience_count: 5000 },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("above the limit of 1000");
  });

  it("rejects a workflow in the wrong state (draft)", async () => {
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-run-batch",
      arguments: { id: 2, acknowledged_audience_count: 10 },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("status to be 'active', but it is 'draft'");
  });

  it("rejects forbidden fields", async () => {
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-run-batch",
      arguments: { id: 1, acknowledged_audience_count: 42, filters: { events: [{ id: "$pageview" }] } },
    });
    expect(textOf(result)).toContain("Event filters are not allowed");
  });

  it("allows values in the allowlist and rejects others (integration kind)", async () => {
    const client = await harness.connect("admin");
    const ok = await client.callTool({ name: "integrations-send", arguments: { id: 1, text: "hi" } });
    expect(jsonOf(ok)).toMatchObject({ sent: true });
    const rejected = await client.callTool({ name: "integrations-send", arguments: { id: 2, text: "hi" } });
    expect(rejected.isError).toBe(true);
    expect(textOf(rejected)).toContain("kind is 'webhook'; allowed: 'slack'");
  });

  it("fails closed when a guard lookup fails", async () => {
    const result = await (await harness.connect("admin")).callTool({
      name: "integrations-send",
      arguments: { id: 9, text: "hi" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Could not check the allow_values guard");
    expect(textOf(result)).toContain("HTTP 404");
    // Said once, in clean sentences: no "Rejected by the guard: Could not check the guard", no "..".
    expect(textOf(result).match(/allow_values guard/g)).toHaveLength(1);
    expect(textOf(result)).not.toContain("Rejected by");
    expect(textOf(result)).not.toContain("..");
  });
});

describe("confirmation (prepare, then execute)", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const deletes = () => harness.upstream.calls().filter((call) => call.method === "DELETE");
  const tokenOf = (text: string) => /confirmation_token="([^"]+)"/.exec(text)?.[1] ?? "";

  async function prepare(key: string, args: Record<string, unknown>) {
    const result = await (await harness.connect(key)).callTool({ name: "workflows-delete", arguments: args });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain("Delete workflow 1 for good.");
    expect(textOf(result)).toContain(`Arguments: ${JSON.stringify(args)}`);
    return tokenOf(textOf(result));
  }

  it("prepares without calling the upstream, then executes the signed arguments once", async () => {
    const before = deletes().length;
    const token = await prepare("admin", { id: 1 });
    expect(token).toMatch(/^twc1\./);
    expect(deletes().length).toBe(before);
    const client = await harness.connect("admin");
    const executed = await client.callTool({
      name: "workflows-delete",
      arguments: { confirmation_token: token },
    });
    expect(jsonOf(executed)).toEqual({ deleted: 1 });
    expect(deletes().length).toBe(before + 1);
    const replayed = await client.callTool({
      name: "workflows-delete",
      arguments: { confirmation_token: token },
    });
    expect(replayed.isError).toBe(true);
    expect(textOf(replayed)).toContain("already used");
    expect(deletes().length).toBe(before + 1);
  });

  it("accepts the same arguments resent with the token", async () => {
    const token = await prepare("admin", { id: 1 });
    const client = await harness.connect("admin");
    const result = await client.callTool({
      name: "workflows-delete",
      arguments: { id: 1, confirmation_token: token },
    });
    expect(jsonOf(result)).toEqual({ deleted: 1 });
  });

  it("rejects a token used by another caller", async () => {
    const token = await prepare("admin", { id: 1 });
    const result = await (await harness.connect("beta")).callTool({
      name: "workflows-delete",
      arguments: { confirmation_token: token },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("issued to another caller");
  });

  it("rejects altered arguments", async () => {
    const token = await prepare("admin", { id: 1 });
    const result = await (await harness.connect("admin")).callTool({
      name: "workflows-delete",
      arguments: { id: 2, confirmation_token: token },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("arguments differ");
  });

  it("runs a confirm tool without a summary or body through both steps", async () => {
    const client = await harness.connect("admin");
    const prepared = await client.callTool({ name: "workflows-archive", arguments: { id: 3 } });
    // Without a catalog summary, the default one names the tool and the exact arguments confirmed.
    expect(textOf(prepared)).toContain(`This will run 'workflows-archive' (`);
    expect(textOf(prepared)).toMatch(/This will run 'workflows-archive' \([^)]*\) with \{"id":3\}\./);
    const done = await client.callTool({
      name: "workflows-archive",
      arguments: { confirmation_token: tokenOf(textOf(prepared)) },
    });
    expect(jsonOf(done)).toEqual({ archived: 3 });
  });

  it("rejects a token for another tool and a forged token", async () => {
    const token = await prepare("admin", { id: 1 });
    const harness2 = await startHarness({
      confirmation: { secret: "another-secret-that-is-also-32-bytes-long!" },
    });
    try {
      const forged = await (await harness2.connect("admin")).callTool({
        name: "workflows-delete",
        arguments: { confirmation_token: token },
      });
      expect(textOf(forged)).toContain("signature is invalid");
    } finally {
      await harness2.close();
    }
    const client = await harness.connect("admin");
    const other = await client.callTool({
      name: "workflows-archive",
      arguments: { confirmation_token: token },
    });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toContain("issued for 'workflows-delete', not 'workflows-archive'");
    const noConfirm = await client.callTool({
      name: "workflows-get",
      arguments: { id: 1, confirmation_token: token },
    });
    expect(textOf(noConfirm)).toContain("unknown argument 'confirmation_token'");
    // The token survived the refusals above: it is still good for the tool and caller it was issued to.
    const executed = await client.callTool({
      name: "workflows-delete",
      arguments: { confirmation_token: token },
    });
    expect(jsonOf(executed)).toEqual({ deleted: 1 });
  });
});
