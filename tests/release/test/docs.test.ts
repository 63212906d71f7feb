// Keeps docs/writing-tools.md true: every YAML example is a valid definition (parsed by core's strict schema),
// calls an operation the demo spec has, and, when it shows a demo tool, says what the demo's YAML says.
// Commands and links it mentions exist.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DefinitionFile, safeParseDefinitionFile } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { readManifest, repoRoot, workspacePackages } from "./support/repo.js";

const GUIDE = "docs/writing-tools.md";
const guide = readFileSync(join(repoRoot, GUIDE), "utf8");
const CLI_COMMANDS = ["generate", "check", "scaffold", "sync", "lint", "inspect", "serve"];

type Tool = DefinitionFile["tools"][string];

function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map(
    (match) => match[1] ?? "",
  );
}

/** A whole definition file as is; a tool entry (`name:` at column 0) inside a minimal file. */
function asDefinitionFile(block: string): string {
  const firstLine = block.split("\n").find((line) => line.trim() !== "" && !line.startsWith("#")) ?? "";
  if (firstLine.startsWith("category:")) return block;
  const indented = block
    .split("\n")
    .map((line) => (line === "" ? line : `  ${line}`))
    .join("\n");
  return `category: Docs\nfeature: docs\nurl_prefix: /docs\ntools:\n${indented}`;
}

function parse(source: string, file: string): DefinitionFile {
  const result = safeParseDefinitionFile(source, file);
  if (!result.success) throw new Error(result.issues.map((issue) => JSON.stringify(issue)).join("\n"));
  return result.data;
}

const demoTools = new Map<string, Tool>(
  readdirSync(join(repoRoot, "apps/demo-api/mcp"))
    .filter((name) => name.endsWith(".yaml"))
    .flatMap((name) => {
      const file = `apps/demo-api/mcp/${name}`;
      return Object.entries(parse(readFileSync(join(repoRoot, file), "utf8"), file).tools);
    }),
);

const spec = JSON.parse(readFileSync(join(repoRoot, "apps/demo-api/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const operationIds = new Set(
  Object.values(spec.paths).flatMap((methods) =>
    Object.values(methods).map((operation) => operation.operationId),
  ),
);

function lookupOperations(tool: Tool): string[] {
  return (tool.guards ?? []).flatMap((guard) => {
    if ("target" in guard && guard.target) return [guard.target.operation];
    if ("count" in guard) return [guard.count.operation];
    return [];
  });
}

const examples = codeBlocks(guide, "yaml").map((block, index) => ({
  index,
  definition: parse(asDefinitionFile(block), `${GUIDE} (yaml block ${index + 1})`),
}));

it("has YAML examples for every guard type", () => {
  const types = new Set(
    examples.flatMap(({ definition }) =>
      Object.values(definition.tools).flatMap((tool) => [
        ...(tool.guards ?? []).map((guard) => guard.type),
        ...(tool.confirm ? ["confirm"] : []),
      ]),
    ),
  );
  expect([...types].sort()).toEqual([
    "acknowledged_count",
    "allow_values",
    "confirm",
    "rate_limit",
    "reject_fields",
    "require_state",
  ]);
});

describe.each(examples)("YAML block $index", ({ definition }) => {
  it("calls operations the demo spec has, for the tool and its guard lookups", () => {
    for (const [name, tool] of Object.entries(definition.tools)) {
      for (const operation of [tool.operation, ...lookupOperations(tool)]) {
        expect(operationIds.has(operation), `${name}: ${operation}`).toBe(true);
      }
    }
  });

  it("shows demo tools as the demo defines them", () => {
    for (const [name, tool] of Object.entries(definition.tools)) {
      const demo = demoTools.get(name);
      if (!demo) continue;
      for (const key of Object.keys(tool) as (keyof Tool)[]) {
        // An example may show some of a tool's guards; each one it shows must be one the demo has.
        if (key === "guards") expect(demo.guards, name).toEqual(expect.arrayContaining(tool.guards ?? []));
        else expect(tool[key], `${name}.${key}`).toEqual(demo[key]);
      }
    }
  });
});

it("names only real CLI commands and scripts", () => {
  for (const match of guide.matchAll(/toolwright (\w+)/g)) expect(CLI_COMMANDS, match[0]).toContain(match[1]);
  const scripts = new Map(
    ["packages", "apps", "tests", "tooling"]
      .flatMap((group) => workspacePackages(group))
      .map((entry) => [entry.manifest.name, entry.manifest.scripts ?? {}] as const),
  );
  for (const match of guide.matchAll(/pnpm --filter (\S+) ([\w:.-]+)/g)) {
    expect(Object.keys(scripts.get(match[1] ?? "") ?? {}), match[0]).toContain(match[2]);
  }
  const rootScripts = Object.keys(readManifest(".").scripts ?? {});
  for (const match of guide.matchAll(/^pnpm (?!--)([\w:-]+)/gm))
    expect(rootScripts, match[0]).toContain(match[1]);
});

it.each(["docs/writing-tools.md", "docs/deploying.md"])("%s links only to files that exist", (doc) => {
  const text = readFileSync(join(repoRoot, doc), "utf8");
  for (const match of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
    const target = match[1] ?? "";
    if (/^https?:/.test(target)) continue;
    expect(existsSync(join(repoRoot, dirname(doc), target)), target).toBe(true);
  }
  for (const match of text.matchAll(/`((?:apps|packages|tests|scripts)\/[\w./@-]+)`/g)) {
    expect(existsSync(join(repoRoot, match[1] ?? "")), match[1]).toBe(true);
  }
});
