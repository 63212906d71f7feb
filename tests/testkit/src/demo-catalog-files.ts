import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const GENERATED = new URL("../../../apps/mcp-server/src/generated/", import.meta.url);

/** One tool of the demo's generated `tool-definitions.json`, as far as the e2e suites read it. */
export interface GeneratedToolEntry {
  name: string;
  scopes: string[];
  feature: string;
  annotations: { readOnlyHint?: boolean };
  guards: Array<{ type: string }>;
  inputSchema: Record<string, unknown>;
  featureFlag: { key: string; behavior: "enable" | "disable" } | null;
}

/** The demo MCP server's generated catalog (what codegen wrote, not what the server advertises). */
export function generatedDemoTools(): GeneratedToolEntry[] {
  const catalog = JSON.parse(readFileSync(new URL("tool-definitions.json", GENERATED), "utf8")) as {
    tools: GeneratedToolEntry[];
  };
  return catalog.tools;
}

/** The tools a server lists when no feature flag is on: those behind an `enable` flag stay hidden. */
export function servedByDefault(tools: readonly GeneratedToolEntry[]): GeneratedToolEntry[] {
  return tools.filter((tool) => tool.featureFlag?.behavior !== "enable");
}

/** The JSON Schema snapshot codegen wrote for one tool (`generated/tool-schemas/<name>.json`). */
export function generatedToolSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`tool-schemas/${name}.json`, GENERATED), "utf8")) as Record<
    string,
    unknown
  >;
}

/** Absolute path of a file of the demo MCP server's sources (e.g. `stdio.ts`). */
export function demoServerSource(file: string): string {
  return fileURLToPath(new URL(`../../../apps/mcp-server/src/${file}`, import.meta.url));
}
