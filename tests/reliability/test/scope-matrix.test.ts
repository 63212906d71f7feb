// Suite 3: for every tool and every scope subset that matters, listing and calling agree with core's
// hasScopes/missingScopes, and a refused call writes nothing upstream.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { hasScopes, missingScopes, readScopes, type Scope } from "@toolwright/core";
import { SCOPE_RESOURCES } from "@toolwright/demo-api";
import { demoCatalog } from "@toolwright/mcp-server/catalog";
import { callTool, connectClient, type DemoStack, resultText, startDemoStack } from "@toolwright/testkit";
import { createApiKey } from "@toolwright/testkit/demo-api-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFingerprint } from "./support/database-fingerprint.js";
import { recordFigures } from "./support/figures.js";
import { VALID_ARGUMENTS } from "./support/valid-arguments.js";

interface ScopeSubset {
  label: string;
  scopes: Scope[];
}

const writeScopes = SCOPE_RESOURCES.map((resource) => `${resource}:write` as Scope);

/** none, each single scope, read-only, all minus one (dropped entirely, or down to read). */
function scopeSubsets(): ScopeSubset[] {
  const subsets: ScopeSubset[] = [{ label: "none", scopes: [] }];
  for (const resource of SCOPE_RESOURCES) {
    subsets.push({ label: `only ${resource}:read`, scopes: [`${resource}:read` as Scope] });
    subsets.push({ label: `only ${resource}:write`, scopes: [`${resource}:write` as Scope] });
  }
  subsets.push({ label: "read-only", scopes: readScopes(SCOPE_RESOURCES) });
  for (const resource of SCOPE_RESOURCES) {
    const others = writeScopes.filter((scope) => scope !== `${resource}:write`);
    subsets.push({ label: `all but ${resource}`, scopes: others });
    subsets.push({ label: `all but ${resource}:write`, scopes: [...others, `${resource}:read` as Scope] });
  }
  return subsets;
}

const catalog = demoCatalog();
// No flag is on in the test stacks: tools behind an `enable` flag are neither listed nor callable.
const served = catalog.tools.filter((tool) => tool.featureFlag?.behavior !== "enable");
const SUBSETS = scopeSubsets();
// Unknown keys fail validation, which runs only after the scope check: proof the call got past it.
const PROBE_ARGUMENT = { __scope_probe__: true };
const calls = { count: 0, refused: 0 };

describe("scope matrix", () => {
  let stack: DemoStack;
  // The API refuses to mint a key without scopes, so "none" is a server with fixed empty scopes.
  let noScopes: DemoStack;
  const keys = new Map<string, string>();
  let before: string;
  let beforeNoScopes: string;

  beforeAll(async () => {
    stack = await startDemoStack();
    noScopes = await startDemoStack({ server: { scopes: [] } });
    for (const subset of SUBSETS) {
      if (subset.scopes.length === 0) continue;
      keys.set(subset.label, await createApiKey(stack.api.url, stack.keys.admin.key, subset.scopes));
    }
    before = databaseFingerprint(stack.api.dbPath);
    beforeNoScopes = databaseFingerprint(noScopes.api.dbPath);
  });
  afterAll(async () => {
    await stack?.close();
    await noScopes?.close();
    recordFigures("scope-matrix", {
      scopeSubsets: SUBSETS.length,
      tools: catalog.tools.length,
      toolCalls: calls.count,
      refused: calls.refused,
    });
  });

  /** The server and key a subset is tried with; "none" forwards the admin key to prove scopes, not keys, decide. */
  function connect(subset: ScopeSubset, query: Record<string, string> = {}): Promise<Client> {
    if (subset.scopes.length === 0) return connectClient(noScopes.mcp.url, noScopes.keys.admin.key, query);
    return connectClient(stack.mcp.url, keys.get(subset.label) ?? "", query);
  }

  it("covers every tool of the demo catalog with valid arguments", () => {
    expect(Object.keys(VALID_ARGUMENTS).sort()).toEqual(catalog.tools.map((tool) => tool.name).sort());
  });

  it.each(SUBSETS.map((subset) => [subset.label, subset] as const))(
    "%s: listing and calling follow core's scope rules",
    async (_label, subset) => {
      const client = await connect(subset);
      try {
        const listed = (await client.listTools()).tools.map((tool) => tool.name).sort();
        const expected = served
          .filter((tool) => hasScopes(subset.scopes, tool.scopes))
          .map((tool) => tool.name)
          .sort();
        expect(listed).toEqual(expected);
        await Promise.all(
          served.map((tool) => expectCallAgrees(client, tool.name, tool.scopes, subset.scopes, listed)),
        );
      } finally {
        await client.close();
      }
    },
  );

  it("compact mode's meta-tools refuse and hide the same tools", async () => {
    for (const subset of SUBSETS.filter(
      (candidate) => candidate.scopes.length <= 1 || candidate.label === "read-only",
    )) {
      const client = await connect(subset, { mode: "compact" });
      try {
        const found = resultText(await callTool(client, "search-tools", { limit: 200 }));
        for (const tool of served) {
          const allowed = hasScopes(subset.scopes, tool.scopes);
          expect(new RegExp(`^${tool.name}:`, "m").test(found), `${subset.label} / search ${tool.name}`).toBe(
            allowed,
          );
          if (allowed) continue;
          const described = await callTool(client, "describe-tool", { name: tool.name });
          expect(described.isError, `${subset.label} / describe ${tool.name}`).toBe(true);
          const called = await callTool(client, "call-tool", {
            name: tool.name,
            arguments: VALID_ARGUMENTS[tool.name],
          });
          calls.count += 1;
          calls.refused += 1;
          expect(called.isError, `${subset.label} / call-tool ${tool.name}`).toBe(true);
          for (const scope of missingScopes(subset.scopes, tool.scopes))
            expect(resultText(called)).toContain(`'${scope}'`);
        }
      } finally {
        await client.close();
      }
    }
  });

  it("wrote nothing upstream across every refused call", () => {
    expect(databaseFingerprint(stack.api.dbPath)).toBe(before);
    expect(databaseFingerprint(noScopes.api.dbPath)).toBe(beforeNoScopes);
  });

  // Control: the refused calls above carried arguments the admin key gets past validation with.
  it("uses arguments that pass validation for a key holding every scope", async () => {
    const client = await connectClient(stack.mcp.url, stack.keys.admin.key);
    try {
      for (const tool of served) {
        const result = await callTool(client, tool.name, VALID_ARGUMENTS[tool.name] ?? {});
        expect(resultText(result), tool.name).not.toMatch(/Invalid arguments|needs the scope/);
      }
    } finally {
      await client.close();
    }
  });
});

async function expectCallAgrees(
  client: Client,
  name: string,
  required: readonly Scope[],
  granted: readonly Scope[],
  listed: readonly string[],
): Promise<void> {
  const missing = missingScopes(granted, required);
  calls.count += 1;
  if (missing.length === 0) {
    expect(listed).toContain(name);
    const result = await callTool(client, name, { ...VALID_ARGUMENTS[name], ...PROBE_ARGUMENT });
    expect(result.isError, name).toBe(true);
    expect(resultText(result), name).toContain("unknown argument '__scope_probe__'");
    return;
  }
  expect(listed).not.toContain(name);
  calls.refused += 1;
  const result = await callTool(client, name, VALID_ARGUMENTS[name] ?? {});
  expect(result.isError, name).toBe(true);
  const text = resultText(result);
  for (const scope of missing) expect(text, name).toContain(`'${scope}'`);
  expect(text).toContain("which this API key does not have");
}
