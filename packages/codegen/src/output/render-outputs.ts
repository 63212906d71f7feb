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
 * schema is reached from hundreds of tools and would otherwise be copied and sorted each time. An
 * object or array that is already in order (most schema nodes are) is returned as it is, not copied.
 */
function sharedKeySorter(): (value: unknown) => unknown {
  const done = new WeakMap<object, unknown>();
  const sort = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const cached = done.get(value);
    if (cached !== undefined) return cached;
    const result = Array.isArray(value) ? sortArray(value) : sortObject(value as Record<string, unknown>);
    done.set(value, result);
    return result;
  };
  const sortArray = (items: unknown[]): unknown[] => {
    const sorted = items.map(sort);
    return sorted.every((item, index) => item === items[index]) ? items : sorted;
  };
  const sortObject = (object: Record<string, unknown>): Record<string, unknown> => {
    const keys = Object.keys(object);
    let changed = keys.some((key, index) => index > 0 && (keys[index - 1] as string) > key);
    if (changed) keys.sort();
    const entries: Array<[string, unknown]> = [];
    for (const key of keys) {
      const child = object[key];
      if (child === undefined) {
        changed = true;
        continue;
      }
      const sortedChild = sort(child);
      if (sortedChild !== child) changed = true;
      entries.push([key, sortedChild]);
    }
    if (!changed) return object;
    const sorted: Record<string, unknown> = {};
    for (const [key, child] of entries) {
      // `__proto__` as a plain assignment would set the prototype instead of adding the key.
      if (key === "__proto__")
        Object.defineProperty(sorted, key, {
          value: child,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else sorted[key] = child;
    }
    return sorted;
  };
  return sort;
}
