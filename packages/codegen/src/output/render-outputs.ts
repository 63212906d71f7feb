import { type CatalogTool, canonicalJson, sortKeys } from "@toolwright/core";
import type { BuiltCatalog } from "../tools/build-catalog.js";
import { type GeneratedHeader, renderTypeScript } from "./typescript-output.js";

/** Output file names inside the output directory. */
export const OUTPUT_FILES = {
  definitions: "tool-definitions.json",
  typescript: "tools.gen.ts",
  schemasDir: "tool-schemas",
} as const;

/** JSON as every output writes it: keys sorted, 2-space indent, trailing newline. */
export function formatJson(value: unknown): string {
  return `${canonicalJson(value, 2)}\n`;
}

/** Every output file of a run, by path relative to the output directory (always `/`-separated). */
export function renderOutputs(built: BuiltCatalog, header: GeneratedHeader): Map<string, string> {
  const files = new Map<string, string>();
  // Sorted once: the snapshots are subtrees of the sorted catalog, so they need no second sort.
  const sorted = sortKeys(built.catalog) as { tools: CatalogTool[] };
  files.set(OUTPUT_FILES.definitions, `${JSON.stringify(sorted, null, 2)}\n`);
  files.set(OUTPUT_FILES.typescript, renderTypeScript(built.catalog, built.registry, built.toolRefs, header));
  for (const tool of sorted.tools) {
    files.set(
      `${OUTPUT_FILES.schemasDir}/${tool.name}.json`,
      `${JSON.stringify(tool.inputSchema, null, 2)}\n`,
    );
  }
  return files;
}
