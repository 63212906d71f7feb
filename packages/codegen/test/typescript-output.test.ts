import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { fixtureProject, petsOptions } from "./support.js";

// Inside the package, so the generated file's `import "zod"` resolves to this package's zod.
const scratch = mkdtempSync(join(new URL("..", import.meta.url).pathname, ".typecheck-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("generated TypeScript", () => {
  it("typechecks under the repository's strict settings, recursive schemas included, and types the inputs", async () => {
    const project = fixtureProject();
    try {
      for (const [name, spec, definitions] of [
        ["pets", "specs/pets-3.0.yaml", "mcp/pets.yaml"],
        ["nodes", "specs/nodes-3.1.json", "mcp/nodes.yaml"],
      ] as const) {
        const out = join(project.dir, name);
        await generate(
          petsOptions(project.dir, { spec: join(project.dir, spec), definitions: [definitions], out }),
        );
        writeFileSync(join(scratch, `${name}.gen.ts`), readFileSync(join(out, "tools.gen.ts"), "utf8"));
      }
      expect(readFileSync(join(scratch, "pets.gen.ts"), "utf8")).toContain("z.lazy(");
      // Uses of the generated types that must compile: a wrong type here fails the test.
      writeFileSync(
        join(scratch, "use.ts"),
        [
          'import type { PetUpdateInput, ToolInputs } from "./pets.gen.js";',
          'import { toolInputSchemas } from "./pets.gen.js";',
          'const update: PetUpdateInput = { id: 1, name: "Rex", id_body: "ext-1", nickname: null };',
          'const search: ToolInputs["pet-search"] = { body: { name: "Rex" } };',
          'const parsed = toolInputSchemas["pet-get"].parse({ id: 2 });',
          "const id: number = parsed.id;",
          "export { id, search, update };",
        ].join("\n"),
      );
      writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module" }));
      expect(
        typeErrors([join(scratch, "pets.gen.ts"), join(scratch, "nodes.gen.ts"), join(scratch, "use.ts")]),
      ).toEqual([]);
      writeFileSync(
        join(scratch, "wrong.ts"),
        'import type { PetGetInput } from "./pets.gen.js";\nexport const wrong: PetGetInput = { id: "2" };\n',
      );
      expect(typeErrors([join(scratch, "wrong.ts")]).join("\n")).toContain("not assignable");
    } finally {
      project.cleanup();
    }
  });
});
