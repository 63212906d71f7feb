import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CatalogTool,
  CONFIRMATION_TOKEN_ARGUMENT,
  isToolwrightError,
  ToolDefinitionsFileSchema,
} from "@toolwright/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { check, generate } from "../src/generate.js";
import { lintCatalog } from "../src/lint/lint-catalog.js";
import { fixtureProject, petsOptions } from "./support.js";

let project: ReturnType<typeof fixtureProject>;
beforeEach(() => {
  project = fixtureProject();
});
afterEach(() => project.cleanup());

const readCatalog = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "out", "tool-definitions.json"), "utf8"));
const tool = (catalog: { tools: CatalogTool[] }, name: string) => {
  const found = catalog.tools.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

describe("generate over the OpenAPI 3.0 YAML fixture", () => {
  it("writes a tool-definitions.json that core's schema accepts, tools sorted by name", async () => {
    await generate(petsOptions(project.dir));
    const catalog = ToolDefinitionsFileSchema.parse(readCatalog(project.dir));
    expect(catalog.tools.map((entry) => entry.name)).toEqual([
      "category-create",
      "pet-adopt",
      "pet-create",
      "pet-delete",
      "pet-get",
      "pet-list",
      "pet-photo-upload",
      "pet-search",
      "pet-tags-set",
      "pet-update",
    ]);
    expect(catalog.upstream).toBe("http://127.0.0.1:4010");
    expect(catalog.spec).toEqual({ title: "Pet Store", version: "1.2.0", openapi: "3.0.3" });
  });

  it("keeps the path parameter's plain name and suffixes the colliding body and query fields", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const update = tool(catalog, "pet-update");
    expect(update.binding.arguments).toContainEqual({ argument: "id", in: "path", name: "id" });
    expect(update.binding.arguments).toContainEqual({ argument: "id_body", in: "body", name: "id" });
    expect(update.inputSchema.required).toEqual(["id", "name"]);
    const tags = tool(catalog, "pet-tags-set");
    expect(tags.binding.arguments).toContainEqual({ argument: "note", in: "query", name: "note" });
    expect(tags.binding.arguments).toContainEqual({ argument: "note_body", in: "body", name: "note" });
  });

  it("sends form and multipart bodies field by field, binary fields as base64", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const tags = tool(catalog, "pet-tags-set");
    expect(tags.binding.body).toEqual({
      contentType: "application/x-www-form-urlencoded",
      required: false,
      mode: "fields",
    });
    expect(tags.binding.arguments).toContainEqual({
      argument: "metadata",
      in: "body",
      name: "metadata",
      style: "deepObject",
      explode: true,
    });
    const upload = tool(catalog, "pet-photo-upload");
    expect(upload.binding.body?.contentType).toBe("multipart/form-data");
    expect(upload.inputSchema.properties?.file).toMatchObject({ type: "string", contentEncoding: "base64" });
  });

  it("keeps oneOf bodies as one `body` argument and flattens allOf bodies", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const search = tool(catalog, "pet-search");
    expect(search.binding.body).toEqual({
      contentType: "application/json",
      required: true,
      mode: "argument",
      argument: "body",
    });
    expect(search.inputSchema.properties?.body).toEqual({
      oneOf: [{ $ref: "#/$defs/ByName" }, { $ref: "#/$defs/ByTag" }],
    });
    const adopt = tool(catalog, "pet-adopt");
    expect(Object.keys(adopt.inputSchema.properties ?? {})).toEqual([
      "petId",
      "contact",
      "acknowledged_audience_count",
    ]);
    expect(adopt.inputSchema.properties?.contact).toHaveProperty("anyOf");
    expect(adopt.inputSchema.required).toEqual(["petId", "acknowledged_audience_count"]);
  });

  it("emits a circular schema once under $defs and references it", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const create = tool(catalog, "category-create");
    expect(create.binding.operationId).toBe("POST /categories");
    expect(create.inputSchema.properties?.parent).toEqual({ $ref: "#/$defs/Category" });
    const defs = create.inputSchema.$defs as Record<string, { properties: Record<string, unknown> }>;
    expect(defs.Category?.properties.children).toEqual({
      type: "array",
      items: { $ref: "#/$defs/Category" },
    });
    expect(JSON.stringify(create.inputSchema)).not.toContain("#/components");
  });

  it("applies include_params, param_overrides, header opt-in, annotations, scopes and guards", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const list = tool(catalog, "pet-list");
    expect(Object.keys(list.inputSchema.properties ?? {})).toEqual(["limit", "status", "X-Request-Id"]);
    expect(list.inputSchema.properties?.limit).toMatchObject({
      default: 20,
      description: "How many pets to return (at most 100).",
    });
    expect(list.description).toBe("Lists the pets in the store, newest first.");
    expect(list.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(list.scopes).toEqual(["pets:read"]);
    expect(list.enrichUrl).toEqual({ urlPrefix: "/pets", template: "{id}" });
    expect(tool(catalog, "pet-create").scopes).toEqual(["pet:write"]);
    expect(tool(catalog, "pet-delete").guards).toEqual([{ type: "confirm", ttl_seconds: 300 }]);
    expect(catalog.lookups.audienceCount).toMatchObject({ method: "GET", path: "/audience/{id}/count" });
  });

  it("gives confirm tools an optional confirmation_token argument, never sent upstream", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    const remove = tool(catalog, "pet-delete");
    expect(remove.inputSchema.properties?.[CONFIRMATION_TOKEN_ARGUMENT]).toMatchObject({ type: "string" });
    expect(remove.inputSchema.required).toEqual(["id"]);
    expect(remove.binding.arguments.map((argument) => argument.argument)).not.toContain(
      CONFIRMATION_TOKEN_ARGUMENT,
    );
    const withoutConfirm = catalog.tools.filter((candidate) =>
      candidate.guards.every((guard) => guard.type !== "confirm"),
    );
    expect(withoutConfirm.length).toBeGreaterThan(0);
    for (const other of withoutConfirm) {
      expect(other.inputSchema.properties?.[CONFIRMATION_TOKEN_ARGUMENT]).toBeUndefined();
    }
  });

  it("produces schemas that pass every lint rule", async () => {
    const catalog = (await generate(petsOptions(project.dir))).run.built.catalog;
    expect(lintCatalog(catalog).filter((finding) => finding.severity === "error")).toEqual([]);
  });

  it("writes byte-identical output when run twice", async () => {
    await generate(petsOptions(project.dir));
    const first = snapshotDir(join(project.dir, "out"));
    rmSync(join(project.dir, "out"), { recursive: true });
    const second = await generate(petsOptions(project.dir));
    expect(snapshotDir(join(project.dir, "out"))).toEqual(first);
    const third = await generate(petsOptions(project.dir));
    expect(second.written.length).toBeGreaterThan(0);
    expect(third.written).toEqual([]);
  });

  it("rewrites an output that changed with its whole new content (compared, then written)", async () => {
    await generate(petsOptions(project.dir));
    const out = join(project.dir, "out");
    const fresh = readFileSync(join(out, "tool-definitions.json"), "utf8");
    // Same size, different bytes: the comparison reads the file before the write renders it again.
    writeFileSync(join(out, "tool-definitions.json"), fresh.replace(/"format": 1/, '"format": 2'));
    writeFileSync(join(out, "tools.gen.ts"), "// stale\n");
    const again = await generate(petsOptions(project.dir));
    expect(again.written).toEqual(["tool-definitions.json", "tools.gen.ts"]);
    expect(readFileSync(join(out, "tool-definitions.json"), "utf8")).toBe(fresh);
    expect(await check(petsOptions(project.dir))).toEqual({ stale: [], orphans: [] });
  });
});

describe("generate over the OpenAPI 3.1 JSON fixture", () => {
  it("keeps 3.1 nullability and sends an array body as the `body` argument", async () => {
    const options = petsOptions(project.dir, {
      spec: join(project.dir, "specs/nodes-3.1.json"),
      definitions: ["mcp/nodes.yaml"],
    });
    const catalog = (await generate(options)).run.built.catalog;
    const replace = tool(catalog, "node-replace");
    expect(replace.description).toBe("Replace a node and its children.");
    expect(replace.inputSchema.properties?.weight).toEqual({ type: ["number", "null"], exclusiveMinimum: 0 });
    expect(replace.inputSchema.properties?.label).toEqual({ type: "string", examples: ["root"] });
    const many = tool(catalog, "node-create-many");
    expect(many.binding.body).toMatchObject({ mode: "argument", argument: "body" });
    expect(many.inputSchema.properties?.body).toEqual({ type: "array", items: { $ref: "#/$defs/Node" } });
    expect(lintCatalog(catalog).filter((finding) => finding.severity === "error")).toEqual([]);
  });
});

describe("generate errors", () => {
  it("names file, tool and key for bad parameters and missing annotations, and writes nothing", async () => {
    const file = join(project.dir, "mcp/pets.yaml");
    const text = readFileSync(file, "utf8")
      .replace("include_params: [limit, status, X-Request-Id]", "include_params: [limit, colour]")
      .replace(
        / {4}annotations: \{ readOnly: false, destructive: false, idempotent: true, openWorld: false \}\n/,
        "",
      );
    writeFileSync(file, text);
    const error = await generate(petsOptions(project.dir)).catch((caught: unknown) => caught);
    expect(isToolwrightError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(
      /mcp\/pets\.yaml:\d+: tool 'pet-list': key 'include_params\.1': unknown parameter 'colour'/,
    );
    expect(message).toMatch(/tool 'pet-update': key 'annotations': PATCH tool needs annotations/);
    expect(existsSync(join(project.dir, "out"))).toBe(false);
  });

  it("refuses an enabled tool whose operation is gone", async () => {
    const file = join(project.dir, "mcp/pets.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("operation: getPet", "operation: fetchPet"));
    await expect(generate(petsOptions(project.dir))).rejects.toThrow(
      /tool 'pet-get': key 'operation': operation 'fetchPet' is not in the spec/,
    );
  });

  it("leaves earlier outputs untouched when a write fails part way", async () => {
    await generate(petsOptions(project.dir));
    const out = join(project.dir, "out");
    writeFileSync(join(out, "tool-definitions.json"), "old\n");
    writeFileSync(join(out, "tool-schemas", "pet-get.json"), "old\n");
    // A directory where tools.gen.ts goes fails that write while the others are being staged.
    rmSync(join(out, "tools.gen.ts"));
    mkdirSync(join(out, "tools.gen.ts"));
    await expect(generate(petsOptions(project.dir))).rejects.toThrow(
      /tools\.gen\.ts: a directory is in its place/,
    );
    expect(readFileSync(join(out, "tool-definitions.json"), "utf8")).toBe("old\n");
    expect(readFileSync(join(out, "tool-schemas", "pet-get.json"), "utf8")).toBe("old\n");
    const leftovers = [...readdirSync(out), ...readdirSync(join(out, "tool-schemas"))].filter((name) =>
      name.endsWith(".tmp"),
    );
    expect(leftovers).toEqual([]);
  });

  it("refuses to replace a file standing where the snapshot directory goes", async () => {
    const out = join(project.dir, "out");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "tool-definitions.json"), "old\n");
    writeFileSync(join(out, "tool-schemas"), "not a directory");
    await expect(generate(petsOptions(project.dir))).rejects.toThrow(/tool-schemas is a file/);
    expect(readFileSync(join(out, "tool-definitions.json"), "utf8")).toBe("old\n");
    expect(readdirSync(out).sort()).toEqual(["tool-definitions.json", "tool-schemas"]);
  });
});

describe("check", () => {
  it("passes right after generate", async () => {
    await generate(petsOptions(project.dir));
    expect(await check(petsOptions(project.dir))).toEqual({ stale: [], orphans: [] });
  });

  it("writes tools.gen.ts only on request, and removes the one it wrote once it is no longer asked for", async () => {
    const out = join(project.dir, "out");
    await generate(petsOptions(project.dir));
    expect(existsSync(join(out, "tools.gen.ts"))).toBe(true);
    const plain = petsOptions(project.dir, { zodSchemas: false });
    expect(await check(plain)).toEqual({
      stale: [{ path: "tools.gen.ts", reason: "orphaned" }],
      orphans: [],
    });
    const again = await generate(plain);
    expect(again.removed).toEqual(["tools.gen.ts"]);
    expect(existsSync(join(out, "tools.gen.ts"))).toBe(false);
    // A tools.gen.ts the generator did not write is the user's: kept, and not reported.
    writeFileSync(join(out, "tools.gen.ts"), "export const mine = 1;\n");
    expect(await check(plain)).toEqual({ stale: [], orphans: [] });
    expect((await generate(plain)).removed).toEqual([]);
    expect(readFileSync(join(out, "tools.gen.ts"), "utf8")).toBe("export const mine = 1;\n");
  });

  it("lists changed, missing and orphaned output files", async () => {
    await generate(petsOptions(project.dir));
    const out = join(project.dir, "out");
    writeFileSync(join(out, "tool-schemas", "pet-get.json"), "{}\n");
    rmSync(join(out, "tools.gen.ts"));
    writeFileSync(join(out, "tool-schemas", "pet-gone.json"), "{}\n");
    const result = await check(petsOptions(project.dir));
    expect(result.stale).toEqual([
      { path: "tools.gen.ts", reason: "missing" },
      { path: "tool-schemas/pet-get.json", reason: "changed" },
      { path: "tool-schemas/pet-gone.json", reason: "orphaned" },
    ]);
  });

  it("reports orphaned operations with file, line and tool, for disabled tools too", async () => {
    await generate(petsOptions(project.dir));
    const file = join(project.dir, "mcp/pets.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("operation: exportRaw", "operation: exportEverything"),
    );
    const result = await check(petsOptions(project.dir));
    expect(result.orphans).toEqual([
      {
        file: "mcp/pets.yaml",
        line: expect.any(Number),
        tool: "pet-export",
        operation: "exportEverything",
        enabled: false,
      },
    ]);
    expect(result.stale).toEqual([]);
  });
});

function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(path, "utf8");
    }
  };
  walk(dir, "");
  return files;
}
