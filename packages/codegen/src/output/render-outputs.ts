import { type CatalogTool, canonicalJson } from "@toolwright/core";
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
  const sorted = sharedKeySorter()(built.catalog) as { tools: CatalogTool[] };
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

/**
 * Core's `sortKeys` (same order, same dropping of undefined values), remembering each object it
 * sorted: the registry hands every tool the same shared `$defs` objects, so on large specs one
 * schema is reached from hundreds of tools and would otherwise be copied and sorted each time.
 */
function sharedKeySorter(): (value: unknown) => unknown {
  const done = new WeakMap<object, unknown>();
  const sort = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const cached = done.get(value);
    if (cached !== undefined) return cached;
    let result: unknown;
    if (Array.isArray(value)) result = value.map(sort);
    else {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        const child = (value as Record<string, unknown>)[key];
        if (child === undefined) continue;
        // `__proto__` as a plain assignment would set the prototype instead of adding the key.
        if (key === "__proto__")
          Object.defineProperty(sorted, key, {
            value: sort(child),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else sorted[key] = sort(child);
      }
      result = sorted;
    }
    done.set(value, result);
    return result;
  };
  return sort;
}
