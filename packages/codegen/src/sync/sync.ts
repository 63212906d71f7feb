import { parseDocument } from "yaml";
import type { DefinitionSource } from "../definitions/load-definitions.js";
import { matchesFilters, scaffoldTool } from "../scaffold/scaffold.js";
import { uniqueToolName } from "../scaffold/tool-names.js";
import type { LoadedSpec } from "../spec/load-spec.js";
import { indexOperations, listOperations, methodPathId } from "../spec/operations.js";

/** What `sync` found and, for files it changes, their new text. */
export interface SyncPlan {
  added: Array<{ file: string; tool: string; operation: string }>;
  /** Tools whose operation the spec no longer has. */
  gone: Array<{ file: string; line?: number; tool: string; operation: string }>;
  /** New text of each changed definition file, by absolute path. */
  changes: Map<string, string>;
}

export interface SyncOptions {
  /** Absolute path of the definition file new operations are added to (default: the first one). */
  into?: string | undefined;
  tag?: string | undefined;
  pathPrefix?: string | undefined;
  /** Also remove the tools whose operation is gone. */
  fix?: boolean | undefined;
}

/**
 * Plans a drift sync: every spec operation (matching the filters) that no definition uses is added
 * as a disabled tool; tools whose operation is gone are reported, and removed with `fix`. Edits go
 * through the YAML document, so comments and hand-written settings stay as they are.
 */
export function planSync(
  spec: LoadedSpec,
  definitions: readonly DefinitionSource[],
  options: SyncOptions = {},
): SyncPlan {
  const operations = listOperations(spec.document);
  const index = indexOperations(operations);
  const used = new Set<string>();
  const taken = new Set<string>();
  const plan: SyncPlan = { added: [], gone: [], changes: new Map() };
  for (const source of definitions) {
    for (const [tool, config] of Object.entries(source.definition.tools)) {
      taken.add(tool);
      const operation = index.get(config.operation);
      if (operation) used.add(methodPathId(operation.method, operation.path));
      else {
        const line = source.toolLines?.[tool];
        plan.gone.push({ file: source.file, ...(line ? { line } : {}), tool, operation: config.operation });
      }
    }
  }
  const target = definitions.find((source) => source.absolutePath === options.into) ?? definitions[0];
  const documents = new Map(definitions.map((source) => [source.absolutePath, parseDocument(source.text)]));
  // Only files that were edited are rewritten: re-serialising an untouched file could reformat it.
  const touched = new Set<string>();
  for (const operation of operations) {
    if (
      used.has(methodPathId(operation.method, operation.path)) ||
      !matchesFilters(operation, options) ||
      !target
    )
      continue;
    const tool = uniqueToolName(operation, taken);
    documents.get(target.absolutePath)?.setIn(["tools", tool], scaffoldTool(operation, false));
    touched.add(target.absolutePath);
    plan.added.push({ file: target.file, tool, operation: operation.id });
  }
  if (options.fix) {
    for (const gone of plan.gone) {
      const source = definitions.find((candidate) => candidate.file === gone.file);
      if (!source) continue;
      documents.get(source.absolutePath)?.deleteIn(["tools", gone.tool]);
      touched.add(source.absolutePath);
    }
  }
  for (const file of touched)
    plan.changes.set(
      file,
      String(documents.get(file)?.toString({ lineWidth: 0, flowCollectionPadding: false })),
    );
  return plan;
}
