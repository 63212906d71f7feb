import type { CatalogTool } from "@toolwright/core";
import { canonicalJson } from "@toolwright/core/internal";
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

/** An output's text: a string, or a function rendering it in chunks, one at a time, when the file is written. */
export type OutputContent = string | (() => Iterable<string>);

/** Which optional outputs a run writes. */
export interface RenderOptions {
  /** Also render `tools.gen.ts` (Zod input schemas and types per tool); default false. */
  zodSchemas?: boolean;
}

/** Every output file of a run, by path relative to the output directory (always `/`-separated). */
export function renderOutputs(
  built: BuiltCatalog,
  header: GeneratedHeader,
  options: RenderOptions = {},
): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, content] of renderLazyOutputs(built, header, options)) {
    files.set(path, typeof content === "string" ? content : [...content()].join(""));
  }
  return files;
}

/**
 * The outputs as `renderOutputs` writes them, each rendered only when it is written or compared:
 * on Microsoft Graph's spec they are 380 MB of text, which need never be in memory at once.
 */
export function renderLazyOutputs(
  built: BuiltCatalog,
  header: GeneratedHeader,
  options: RenderOptions = {},
): Map<string, OutputContent> {
  const files = new Map<string, OutputContent>();
  // Sorted once: the snapshots are subtrees of the sorted catalog, so they need no second sort.
  const sorted = sharedKeySorter()(built.catalog) as { tools: CatalogTool[] };
  files.set(OUTPUT_FILES.definitions, () => catalogChunks(sorted));
  if (options.zodSchemas)
    files.set(OUTPUT_FILES.typescript, () => [
      renderTypeScript(built.catalog, built.registry, built.toolRefs, header),
    ]);
  for (const tool of sorted.tools) {
    files.set(`${OUTPUT_FILES.schemasDir}/${tool.name}.json`, () => [
      `${JSON.stringify(tool.inputSchema, null, 2)}\n`,
    ]);
  }
  return files;
}

/** What `JSON.stringify({ t: [tool] }, null, 2)` puts around the tool. */
const WRAPPED_PREFIX = '{\n  "t": [\n';
const WRAPPED_SUFFIX = "\n  ]\n}";

/** A value no catalog holds, standing in for the tools while the rest of the catalog is rendered. */
const TOOLS_PLACEHOLDER = "\u0000tools\u0000";

/**
 * `JSON.stringify(catalog, null, 2)` plus a newline, byte for byte, as one chunk per tool: the
 * catalog around its tools, then each tool as JSON.stringify writes it at that depth.
 */
function* catalogChunks(catalog: { tools: CatalogTool[] }): Generator<string> {
  const frame = JSON.stringify({ ...catalog, tools: TOOLS_PLACEHOLDER }, null, 2);
  const marker = JSON.stringify(TOOLS_PLACEHOLDER);
  const at = frame.indexOf(marker);
  yield frame.slice(0, at);
  if (catalog.tools.length === 0) yield "[]";
  else {
    yield "[\n";
    for (const [index, tool] of catalog.tools.entries()) {
      // Stringified at its own depth (inside an array inside an object), so the indentation is JSON.stringify's own.
      const wrapped = JSON.stringify({ t: [tool] }, null, 2);
      const text = wrapped.slice(WRAPPED_PREFIX.length, wrapped.length - WRAPPED_SUFFIX.length);
      yield index === catalog.tools.length - 1 ? text : `${text},\n`;
    }
    yield "\n  ]";
  }
  yield `${frame.slice(at + marker.length)}\n`;
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
